import { sql } from 'drizzle-orm';
import { check, index, integer, pgSchema, primaryKey, timestamp } from 'drizzle-orm/pg-core';

export const inventory = pgSchema('inventory');

/** Stock per product. Product ids belong to catalog; no foreign key crosses subgraphs. */
export const stock = inventory.table(
  'stock',
  {
    productId: integer('product_id').primaryKey(),
    /** Units that can still be ordered. */
    available: integer('available').notNull().default(0),
    /** Units held for orders (pending or confirmed): the sum of their HELD holds. */
    reserved: integer('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('stock_available_non_negative', sql`${t.available} >= 0`),
    check('stock_reserved_non_negative', sql`${t.reserved} >= 0`),
  ],
);

export const holdState = inventory.enum('hold_state', ['HELD', 'RELEASED']);

/**
 * What inventory holds for one order (orders' id; no foreign key crosses subgraphs). One row per
 * order makes reserve and release idempotent: a second reserve finds the row, and a release
 * that comes first leaves a RELEASED row, so a reserve arriving late cannot hold stock for an
 * order that was already given up.
 */
export const holds = inventory.table('holds', {
  orderId: integer('order_id').primaryKey(),
  state: holdState('state').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

/** The units of each product a hold took from `available` into `reserved`. */
export const holdLines = inventory.table(
  'hold_lines',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => holds.orderId, { onDelete: 'cascade' }),
    productId: integer('product_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.productId] }),
    check('hold_lines_quantity_positive', sql`${t.quantity} > 0`),
    index('hold_lines_product_idx').on(t.productId),
  ],
);

export type StockRow = typeof stock.$inferSelect;
export const tables = { stock, holds, holdLines };

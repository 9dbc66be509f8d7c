import { sql } from 'drizzle-orm';
import { check, integer, pgSchema, timestamp } from 'drizzle-orm/pg-core';

export const inventory = pgSchema('inventory');

/** Stock per product. Product ids belong to catalog; no foreign key crosses subgraphs. */
export const stock = inventory.table(
  'stock',
  {
    productId: integer('product_id').primaryKey(),
    /** Units that can still be sold. */
    available: integer('available').notNull().default(0),
    /** Units held for orders that are not final yet. */
    reserved: integer('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    check('stock_available_non_negative', sql`${t.available} >= 0`),
    check('stock_reserved_non_negative', sql`${t.reserved} >= 0`),
  ],
);

export type StockRow = typeof stock.$inferSelect;
export const tables = { stock };

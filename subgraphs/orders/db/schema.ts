import { sql } from 'drizzle-orm';
import {
  char,
  check,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const ordersSchema = pgSchema('orders');

export const orderStatus = ordersSchema.enum('order_status', [
  'PENDING',
  'CONFIRMED',
  'CANCELLED',
  'REJECTED',
]);

export const orders = ordersSchema.table(
  'orders',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** accounts.users id; no foreign key crosses subgraphs. */
    buyerId: integer('buyer_id').notNull(),
    status: orderStatus('status').notNull().default('PENDING'),
    idempotencyKey: text('idempotency_key').notNull(),
    totalAmount: integer('total_amount').notNull().default(0),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    placedAt: timestamp('placed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // Ascending indexes serve descending orders too (scanned backward); drizzle's .desc() would
  // write DESC NULLS LAST, which does not match ORDER BY … DESC (NULLS FIRST) and goes unused.
  (t) => [
    // Idempotency keys are scoped per buyer.
    uniqueIndex('orders_buyer_idempotency_key').on(t.buyerId, t.idempotencyKey),
    index('orders_buyer_placed_idx').on(t.buyerId, t.placedAt, t.id),
    index('orders_status_idx').on(t.status, t.updatedAt),
  ],
);

export const orderLines = ordersSchema.table(
  'order_lines',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    /** catalog.products id; the price is copied at placement. */
    productId: integer('product_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceAmount: integer('unit_price_amount').notNull(),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.lineNo] }),
    check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export const tables = { orders, orderLines };

import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

import type { UserError } from '../../../lib/user-error';

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
    /** SHA-256 of the placeOrder request, to tell a retry from another request under one key. */
    requestHash: text('request_hash'),
    /** Why a REJECTED order was rejected, as its placeOrder answered (and retries answer). */
    rejection: jsonb('rejection').$type<UserError>(),
    /**
     * Set in the same statement that rejects or cancels the order; cleared once inventory has
     * released what it held for the order. Recovery retries the release while it is set (a
     * transactional outbox of one message kind).
     */
    releaseDue: boolean('release_due').notNull().default(false),
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
    index('orders_release_due_idx')
      .on(t.id)
      .where(sql`${t.releaseDue}`),
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

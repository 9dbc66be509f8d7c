import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { UserError } from '../../../lib/user-error';
import type { OrdersDb } from './orders';
import { orderLines, orders, type OrderRow } from './schema';
import { statement } from '../../../lib/statements';

type Status = OrderRow['status'];

export interface NewOrder {
  buyerId: number;
  idempotencyKey: string;
  requestHash: string;
  /** PENDING to go on and hold stock; REJECTED when its lines were refused before that. */
  status: 'PENDING' | 'REJECTED';
  rejection: UserError | null;
  lines: { productId: number; quantity: number; unitPriceAmount: number; currency: string }[];
  totalAmount: number;
  currency: string;
}

export const orderByKey = statement(
  'orderByKey',
  async function orderByKey(
    db: OrdersDb,
    buyerId: number,
    idempotencyKey: string,
  ): Promise<OrderRow | null> {
    const [row] = await db
      .select()
      .from(orders)
      .where(and(eq(orders.buyerId, buyerId), eq(orders.idempotencyKey, idempotencyKey)));
    return row ?? null;
  },
);

/**
 * Records an order with its lines, or returns null when the buyer already has an order under
 * this key (a concurrent or earlier call won; the caller answers with that one).
 */
export const insertOrder = statement(
  'insertOrder',
  async function insertOrder(db: OrdersDb, order: NewOrder): Promise<OrderRow | null> {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(orders)
        .values({
          buyerId: order.buyerId,
          idempotencyKey: order.idempotencyKey,
          requestHash: order.requestHash,
          status: order.status,
          rejection: order.rejection,
          totalAmount: order.totalAmount,
          currency: order.currency,
        })
        .onConflictDoNothing({ target: [orders.buyerId, orders.idempotencyKey] })
        .returning();
      if (!row) return null;
      if (order.lines.length > 0) {
        await tx
          .insert(orderLines)
          .values(order.lines.map((line, i) => ({ orderId: row.id, lineNo: i + 1, ...line })));
      }
      return row;
    });
  },
);

/**
 * Moves an order from one of `from` to `to` in one statement, or returns null when it is no
 * longer in any of them (another caller moved it first: the row lock makes exactly one win).
 * Rejecting and cancelling also set `release_due`, in the same statement: the promise to give
 * the stock back is committed with the decision (see recovery.ts).
 */
async function transition(
  db: OrdersDb,
  id: number,
  from: Status[],
  to: Status,
  options: { rejection?: UserError; releaseDue?: boolean } = {},
): Promise<OrderRow | null> {
  const { rejection } = options;
  const gives = options.releaseDue ?? (to === 'REJECTED' || to === 'CANCELLED');
  const [row] = await db
    .update(orders)
    .set({
      status: to,
      updatedAt: sql`now()`,
      ...(gives ? { releaseDue: true } : {}),
      ...(rejection ? { rejection } : {}),
    })
    .where(and(eq(orders.id, id), inArray(orders.status, from)))
    .returning();
  return row ?? null;
}

export const confirmOrder = statement('confirmOrder', (db: OrdersDb, id: number) =>
  transition(db, id, ['PENDING'], 'CONFIRMED'),
);

/**
 * Rejects a PENDING order. `releaseDue` false only when inventory's answer already guarantees
 * nothing is or will be held for it (a refused reserve is final there).
 */
export const rejectOrder = statement(
  'rejectOrder',
  (db: OrdersDb, id: number, rejection: UserError, releaseDue?: boolean) =>
    transition(db, id, ['PENDING'], 'REJECTED', { rejection, releaseDue: releaseDue ?? true }),
);

export const cancelOrderRow = statement('cancelOrderRow', (db: OrdersDb, id: number) =>
  transition(db, id, ['PENDING', 'CONFIRMED'], 'CANCELLED'),
);

/** Inventory acknowledged the release: nothing is left to give back for this order. */
export const markReleased = statement(
  'markReleased',
  async function markReleased(db: OrdersDb, id: number): Promise<void> {
    await db.update(orders).set({ releaseDue: false }).where(eq(orders.id, id));
  },
);

/** PENDING orders untouched for `olderThanMs`: their placeOrder call died or gave up. */
export const stalePendingOrders = statement(
  'stalePendingOrders',
  async function stalePendingOrders(
    db: OrdersDb,
    olderThanMs: number,
    limit: number,
  ): Promise<OrderRow[]> {
    return await db
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.status, 'PENDING'),
          lt(orders.updatedAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
        ),
      )
      .orderBy(asc(orders.updatedAt))
      .limit(limit);
  },
);

/** Ids of orders whose stock inventory has not confirmed giving back yet. */
export const ordersWithReleaseDue = statement(
  'ordersWithReleaseDue',
  async function ordersWithReleaseDue(db: OrdersDb, limit: number): Promise<number[]> {
    const rows = await db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.releaseDue, true))
      .orderBy(asc(orders.id))
      .limit(limit);
    return rows.map((r) => r.id);
  },
);

/** Seconds since the oldest PENDING order was placed; 0 when none is PENDING. */
export const oldestPendingAgeSeconds = statement(
  'oldestPendingAgeSeconds',
  async function oldestPendingAgeSeconds(db: OrdersDb): Promise<number> {
    const [row] = await db
      .select({
        age: sql<number>`coalesce(extract(epoch from now() - min(${orders.placedAt})), 0)::float8`,
      })
      .from(orders)
      .where(eq(orders.status, 'PENDING'));
    return Number(row?.age ?? 0);
  },
);

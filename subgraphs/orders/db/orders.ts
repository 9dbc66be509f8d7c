import { and, asc, count, getTableColumns, lte } from 'drizzle-orm';
import { anyInt } from '../../../lib/sql';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { afterCondition, rankWithin, type KeysetOrder } from '../../../lib/keyset';
import type { Page } from '../../../lib/pagination';
import { orderLines, orders, type OrderLineRow, type OrderRow, type tables } from './schema';
import { statement } from '../../../lib/statements';

export type OrdersDb = PostgresJsDatabase<typeof tables>;

/** A user's orders: most recent first, id breaking ties. */
export const newestOrders: KeysetOrder<OrderRow> = {
  kind: 'orders:NEWEST',
  columns: [orders.placedAt, orders.id],
  direction: 'desc',
  shape: ['timestamp', 'number'],
  key: (o) => [o.placedAt.toISOString(), o.id],
};

export const ordersByIds = statement(
  'ordersByIds',
  async function ordersByIds(db: OrdersDb, ids: readonly number[]): Promise<OrderRow[]> {
    return await db.select().from(orders).where(anyInt(orders.id, ids));
  },
);

export const linesOfOrders = statement(
  'linesOfOrders',
  async function linesOfOrders(db: OrdersDb, orderIds: readonly number[]): Promise<OrderLineRow[]> {
    return await db
      .select()
      .from(orderLines)
      .where(anyInt(orderLines.orderId, orderIds))
      .orderBy(asc(orderLines.orderId), asc(orderLines.lineNo));
  },
);

/** A page of orders for each of several buyers, in one statement (ranked within each buyer). */
export const ordersOfBuyers = statement(
  'ordersOfBuyers',
  async function ordersOfBuyers(
    db: OrdersDb,
    params: { buyerIds: readonly number[]; page: Page },
  ): Promise<OrderRow[]> {
    const ranked = db
      .select({
        ...getTableColumns(orders),
        rank: rankWithin(orders.buyerId, newestOrders).as('rank'),
      })
      .from(orders)
      .where(
        and(anyInt(orders.buyerId, params.buyerIds), afterCondition(newestOrders, params.page)),
      )
      .as('ranked');
    const { rank: _rank, ...columns } = ranked._.selectedFields;
    return await db
      .select(columns)
      .from(ranked)
      .where(lte(ranked.rank, params.page.first + 1))
      .orderBy(ranked.buyerId, ranked.rank);
  },
);

export const countOrdersOfBuyers = statement(
  'countOrdersOfBuyers',
  async function countOrdersOfBuyers(
    db: OrdersDb,
    buyerIds: readonly number[],
  ): Promise<{ buyerId: number; n: number }[]> {
    return await db
      .select({ buyerId: orders.buyerId, n: count() })
      .from(orders)
      .where(anyInt(orders.buyerId, buyerIds))
      .groupBy(orders.buyerId);
  },
);

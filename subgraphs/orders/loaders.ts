import { byKey, groupByKey, LoaderFamily, namedLoader, type BatchObserver } from '../../lib/batch';
import type { Page } from '../../lib/pagination';
import {
  countOrdersOfBuyers,
  linesOfOrders,
  ordersByIds,
  ordersOfBuyers,
  type OrdersDb,
} from './db/orders';
import type { OrderLineRow, OrderRow } from './db/schema';

/** Per-request loaders: every lookup below issues one statement per batch of keys. */
export function createLoaders(db: OrdersDb, observe: BatchObserver) {
  return {
    orderById: namedLoader<number, OrderRow | null>(observe, 'orderById', async (ids) =>
      byKey(ids, await ordersByIds(db, ids), (o) => o.id),
    ),
    linesOfOrder: namedLoader<number, OrderLineRow[]>(observe, 'linesOfOrder', async (ids) =>
      groupByKey(ids, await linesOfOrders(db, ids), (l) => l.orderId),
    ),
    /** User.orders: one loader per distinct page request. */
    ordersOfBuyer: new LoaderFamily<Page, number, OrderRow[]>(
      observe,
      'ordersOfBuyer',
      async (page, ids) =>
        groupByKey(ids, await ordersOfBuyers(db, { buyerIds: ids, page }), (o) => o.buyerId),
    ),
    orderCountOfBuyer: namedLoader<number, number>(observe, 'orderCountOfBuyer', async (ids) =>
      byKey(ids, await countOrdersOfBuyers(db, ids), (r) => r.buyerId).map((r) => r?.n ?? 0),
    ),
  };
}

export type OrdersLoaders = ReturnType<typeof createLoaders>;

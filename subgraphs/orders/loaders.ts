import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderFamily } from '../../lib/batch';
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
export function createLoaders(db: OrdersDb) {
  return {
    orderById: new DataLoader<number, OrderRow | null>(async (ids) =>
      byKey(ids, await ordersByIds(db, ids), (o) => o.id),
    ),
    linesOfOrder: new DataLoader<number, OrderLineRow[]>(async (ids) =>
      groupByKey(ids, await linesOfOrders(db, ids), (l) => l.orderId),
    ),
    /** User.orders: one loader per distinct page request. */
    ordersOfBuyer: new LoaderFamily<Page, number, OrderRow[]>(async (page, ids) =>
      groupByKey(ids, await ordersOfBuyers(db, { buyerIds: ids, page }), (o) => o.buyerId),
    ),
    orderCountOfBuyer: new DataLoader<number, number>(async (ids) =>
      byKey(ids, await countOrdersOfBuyers(db, ids), (r) => r.buyerId).map((r) => r?.n ?? 0),
    ),
  };
}

export type OrdersLoaders = ReturnType<typeof createLoaders>;

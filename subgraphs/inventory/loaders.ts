import { byKey, namedLoader, type BatchObserver } from '../../lib/batch';
import type { StockRow } from './db/schema';
import { stockByProductIds, type InventoryDb } from './db/stock';

/** Per-request loaders: every lookup below issues one statement per batch of keys. */
export function createLoaders(db: InventoryDb, observe: BatchObserver) {
  return {
    stockByProductId: namedLoader<number, StockRow | null>(
      observe,
      'stockByProductId',
      async (ids) => byKey(ids, await stockByProductIds(db, ids), (s) => s.productId),
    ),
  };
}

export type InventoryLoaders = ReturnType<typeof createLoaders>;

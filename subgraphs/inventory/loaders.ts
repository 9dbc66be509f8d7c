import DataLoader from 'dataloader';
import { byKey } from '../../lib/batch';
import type { StockRow } from './db/schema';
import { stockByProductIds, type InventoryDb } from './db/stock';

/** Per-request loaders: every lookup below issues one statement per batch of keys. */
export function createLoaders(db: InventoryDb) {
  return {
    stockByProductId: new DataLoader<number, StockRow | null>(async (ids) =>
      byKey(ids, await stockByProductIds(db, ids), (s) => s.productId),
    ),
  };
}

export type InventoryLoaders = ReturnType<typeof createLoaders>;

import { anyIntKeys, builtOnce, keys } from '../../../lib/sql';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { stock, type StockRow, type tables } from './schema';
import { statement } from '../../../lib/statements';

export type InventoryDb = PostgresJsDatabase<typeof tables>;

const stockByProductIdsQuery = builtOnce((db: InventoryDb) =>
  db.select().from(stock).where(anyIntKeys(stock.productId)).prepare('stockByProductIds'),
);

export const stockByProductIds = statement(
  'stockByProductIds',
  async function stockByProductIds(
    db: InventoryDb,
    productIds: readonly number[],
  ): Promise<StockRow[]> {
    return await stockByProductIdsQuery(db).execute(keys(productIds));
  },
);

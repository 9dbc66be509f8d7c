import { anyInt } from '../../../lib/sql';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { stock, type StockRow, type tables } from './schema';
import { statement } from '../../../lib/statements';

export type InventoryDb = PostgresJsDatabase<typeof tables>;

export const stockByProductIds = statement(
  'stockByProductIds',
  async function stockByProductIds(
    db: InventoryDb,
    productIds: readonly number[],
  ): Promise<StockRow[]> {
    return await db.select().from(stock).where(anyInt(stock.productId, productIds));
  },
);

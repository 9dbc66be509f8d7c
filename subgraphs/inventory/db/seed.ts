import {
  copyInto,
  type CompleteRow,
  type SeedSql,
  type TableProgressListener,
} from '../../../scripts/seed/copy';
import type { World } from '../../../scripts/seed/world';
import { stock } from './schema';

/** Writes one stock row per catalog product into inventory.stock; nothing is reserved. */
export async function seedInventory(
  sql: SeedSql,
  world: World,
  onProgress?: TableProgressListener,
): Promise<void> {
  function* rows(): Generator<CompleteRow<typeof stock>> {
    for (const item of world.stock()) {
      yield {
        productId: item.productId,
        available: item.available,
        reserved: item.reserved,
        updatedAt: item.updatedAt,
      };
    }
  }
  await copyInto(sql, stock, rows(), world.counts.stock, onProgress);
}

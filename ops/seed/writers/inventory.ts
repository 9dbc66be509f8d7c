import { copyInto, type CompleteRow, type SeedSql, type TableProgressListener } from '../copy';
import type { World } from '../world';
import { holdLines, holds, stock } from '../../../subgraphs/inventory/db/schema';

/**
 * Writes inventory as the seeded orders left it: one stock row per catalog product, whose
 * `reserved` is what the confirmed orders hold; one hold per order (HELD with the order's lines
 * when it is confirmed, RELEASED without lines when cancelled or rejected). Holds go in before
 * their lines, which reference them.
 */
export async function seedInventory(
  sql: SeedSql,
  world: World,
  onProgress?: TableProgressListener,
): Promise<void> {
  function* stockRows(): Generator<CompleteRow<typeof stock>> {
    for (const item of world.stock()) {
      yield {
        productId: item.productId,
        available: item.available,
        reserved: item.reserved,
        updatedAt: item.updatedAt,
      };
    }
  }
  function* holdRows(): Generator<CompleteRow<typeof holds>> {
    for (const hold of world.holds()) {
      yield {
        orderId: hold.orderId,
        state: hold.state,
        createdAt: hold.createdAt,
        updatedAt: hold.updatedAt,
      };
    }
  }
  function* holdLineRows(): Generator<CompleteRow<typeof holdLines>> {
    for (const line of world.holdLines()) {
      yield { orderId: line.orderId, productId: line.productId, quantity: line.quantity };
    }
  }
  await copyInto(sql, stock, stockRows(), world.counts.stock, onProgress);
  await copyInto(sql, holds, holdRows(), world.counts.holds, onProgress);
  await copyInto(sql, holdLines, holdLineRows(), world.counts.holdLines, onProgress);
}

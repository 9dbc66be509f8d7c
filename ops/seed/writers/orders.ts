import { copyInto, type CompleteRow, type SeedSql, type TableProgressListener } from '../copy';
import { CURRENCY, type World } from '../world';
import { outOfStock } from '../../../subgraphs/orders/order-input';
import { orderLines, orders } from '../../../subgraphs/orders/db/schema';

/**
 * Writes orders, then their lines, into the orders schema. The world regenerates orders on
 * each pass, so the two tables are streamed one after the other without holding either.
 */
export async function seedOrders(
  sql: SeedSql,
  world: World,
  onProgress?: TableProgressListener,
): Promise<void> {
  function* orderRows(): Generator<CompleteRow<typeof orders>> {
    for (const order of world.orders()) {
      yield {
        id: order.id,
        buyerId: order.buyerId,
        status: order.status,
        idempotencyKey: order.idempotencyKey,
        // Seeded orders were not placed through placeOrder: no request to compare a retry with.
        requestHash: null,
        rejection: order.status === 'REJECTED' ? outOfStock(0, 0) : null,
        releaseDue: false,
        totalAmount: order.totalCents,
        currency: CURRENCY,
        placedAt: order.placedAt,
        updatedAt: order.updatedAt,
      };
    }
  }
  function* lineRows(): Generator<CompleteRow<typeof orderLines>> {
    for (const order of world.orders()) {
      for (const line of order.lines) {
        yield {
          orderId: order.id,
          lineNo: line.lineNo,
          productId: line.productId,
          quantity: line.quantity,
          unitPriceAmount: line.unitPriceCents,
          currency: CURRENCY,
        };
      }
    }
  }
  await copyInto(sql, orders, orderRows(), world.counts.orders, onProgress);
  await copyInto(sql, orderLines, lineRows(), world.counts.orderLines, onProgress);
}

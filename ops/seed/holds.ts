/**
 * What inventory holds for the seeded orders, as the live system would have left it: a HELD
 * hold with the order's lines for every CONFIRMED order, a RELEASED hold that keeps its lines
 * as a record for every CANCELLED one (its stock was given back), and a RELEASED hold without
 * lines for every REJECTED one (placeOrder releases a rejected order, which leaves a marker that
 * bars a late reserve). So for every product, stock.reserved is the sum of its HELD hold lines.
 */
import { at, type Facts } from './facts';
import { generateOrders, type SeedOrder } from './orders';

export type SeedHoldState = 'HELD' | 'RELEASED';

export interface SeedHold {
  orderId: number;
  state: SeedHoldState;
  createdAt: Date;
  updatedAt: Date;
}

export interface SeedHoldLine {
  orderId: number;
  productId: number;
  quantity: number;
}

/** What one pass over the orders tells the other tables: sizes, and each product's holds. */
export interface OrderTally {
  orderLines: number;
  holds: number;
  holdLines: number;
  /** Units held per product (index productId - 1): the sum of its HELD hold lines. */
  reserved: Int32Array;
  /** When holds last changed each product's stock (index productId - 1), in ms; 0 if never. */
  holdsChangedAt: Float64Array;
}

/** The hold an order leaves behind. */
export function holdOf(order: SeedOrder): SeedHold {
  switch (order.status) {
    case 'CONFIRMED':
      // Held at placement, and so still.
      return {
        orderId: order.id,
        state: 'HELD',
        createdAt: order.placedAt,
        updatedAt: order.updatedAt,
      };
    case 'CANCELLED':
      // Held at placement, released by the cancellation.
      return {
        orderId: order.id,
        state: 'RELEASED',
        createdAt: order.placedAt,
        updatedAt: order.updatedAt,
      };
    case 'REJECTED':
      // Nothing was held; the release that followed the rejection left a marker.
      return {
        orderId: order.id,
        state: 'RELEASED',
        createdAt: order.updatedAt,
        updatedAt: order.updatedAt,
      };
  }
}

/** The lines of an order's hold: what a confirmed order holds, or a cancelled one held. */
export function holdLinesOf(order: SeedOrder): SeedHoldLine[] {
  if (order.status === 'REJECTED') return [];
  return order.lines.map((line) => ({
    orderId: order.id,
    productId: line.productId,
    quantity: line.quantity,
  }));
}

/** One pass over the orders (regenerated, not kept): two typed arrays of products' size. */
export function tallyOrders(facts: Facts): OrderTally {
  const reserved = new Int32Array(facts.counts.products);
  const holdsChangedAt = new Float64Array(facts.counts.products);
  let orderLines = 0;
  let holds = 0;
  let holdLines = 0;
  for (const order of generateOrders(facts)) {
    orderLines += order.lines.length;
    holds++;
    for (const line of holdLinesOf(order)) {
      holdLines++;
      // Only a HELD hold (a confirmed order's) holds stock.
      if (order.status !== 'CONFIRMED') continue;
      reserved[line.productId - 1] = at(reserved, line.productId - 1, 'product') + line.quantity;
    }
    // A reserve took the lines' units from stock at placement; a cancellation gave them back.
    const changedAt =
      order.status === 'CONFIRMED'
        ? order.placedAt.getTime()
        : order.status === 'CANCELLED'
          ? order.updatedAt.getTime()
          : 0;
    if (changedAt === 0) continue;
    for (const line of order.lines) {
      const i = line.productId - 1;
      if (at(holdsChangedAt, i, 'product') < changedAt) holdsChangedAt[i] = changedAt;
    }
  }
  return { orderLines, holds, holdLines, reserved, holdsChangedAt };
}

export function* generateHolds(facts: Facts): Generator<SeedHold> {
  for (const order of generateOrders(facts)) yield holdOf(order);
}

export function* generateHoldLines(facts: Facts): Generator<SeedHoldLine> {
  for (const order of generateOrders(facts)) yield* holdLinesOf(order);
}

import { at, countBefore, DAY_MS, FIRST_CUSTOMER_ID, spread, type Facts } from './facts';
import { rngFor } from './prng';

/**
 * The seeded shop is at rest: every order has settled. A PENDING order would be one in flight,
 * and the orders process's recovery would take it over on first start, changing seed data.
 */
export type SeedOrderStatus = 'CONFIRMED' | 'CANCELLED' | 'REJECTED';

export interface SeedOrderLine {
  lineNo: number;
  productId: number;
  quantity: number;
  unitPriceCents: number;
}

export interface SeedOrder {
  id: number;
  buyerId: number;
  status: SeedOrderStatus;
  idempotencyKey: string;
  totalCents: number;
  placedAt: Date;
  updatedAt: Date;
  lines: SeedOrderLine[];
}

const statuses: readonly SeedOrderStatus[] = ['CONFIRMED', 'CANCELLED', 'REJECTED'];
const statusWeights = [87, 9, 4];
const lineCountWeights = [50, 28, 14, 8]; // 1..4 lines
const quantityWeights = [70, 20, 7, 3]; // 1..4 units

/** Order `id` with its lines, the same every time it is asked for. */
export function makeOrder(facts: Facts, id: number): SeedOrder {
  const rng = rngFor(facts.seed, 'order', id);
  const placed = spread(rng, id, facts.counts.orders, facts.ordersFrom, facts.end);
  // Only customers and products that existed when the order was placed can be in it; both are
  // created in id order, so those are a prefix of each.
  const products = countBefore(facts.productCreated, 0, placed);
  const buyers = countBefore(facts.userCreated, FIRST_CUSTOMER_ID - 1, placed);
  const buyerId = FIRST_CUSTOMER_ID + rng.int(0, buyers - 1);

  const lineCount = Math.min(products, 1 + rng.weighted(lineCountWeights));
  const lines: SeedOrderLine[] = [];
  const chosen = new Set<number>();
  let totalCents = 0;
  while (lines.length < lineCount) {
    const productId = rng.int(1, products);
    if (chosen.has(productId)) continue;
    chosen.add(productId);
    const quantity = 1 + rng.weighted(quantityWeights);
    // The price is copied from the product, as placeOrder does at placement.
    const unitPriceCents = at(facts.productPrice, productId - 1, 'product');
    totalCents += quantity * unitPriceCents;
    lines.push({ lineNo: lines.length + 1, productId, quantity, unitPriceCents });
  }

  const status = at(statuses, rng.weighted(statusWeights), 'status');
  // Confirmation and rejection follow within seconds; a cancellation comes hours or days later.
  const settledAfter =
    status === 'CANCELLED' ? rng.int(3_600_000, 3 * DAY_MS) : rng.int(150, 3_000);
  return {
    id,
    buyerId,
    status,
    idempotencyKey: `seed-${id}`,
    totalCents,
    placedAt: new Date(placed),
    updatedAt: new Date(Math.min(facts.end, placed + settledAfter)),
    lines,
  };
}

export function* generateOrders(facts: Facts): Generator<SeedOrder> {
  for (let id = 1; id <= facts.counts.orders; id++) yield makeOrder(facts, id);
}

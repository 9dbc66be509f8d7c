import type { Registry } from 'prom-client';
/**
 * placeOrder and cancelOrder (DESIGN.md §5): orders orchestrates inside one resolver.
 *
 *   1. The order is recorded under the buyer's idempotency key with the prices catalog gives
 *      now: PENDING, or straight away REJECTED when a line is refused (unknown product…).
 *   2. Inventory holds the stock, idempotently per order id.
 *   3. The order becomes CONFIRMED, or REJECTED. A refusal from inventory is final there (it
 *      marks the order released, barring any later hold). When placement gives up without
 *      one (recovery's STOCK_UNAVAILABLE) the rejection sets `release_due` in the same
 *      statement, and inventory is asked to release until it acknowledges; cancelOrder too.
 *
 * Every status change is conditional on the status it leaves, so when placeOrder, a retry,
 * cancelOrder and recovery race over one order exactly one change wins and the others answer
 * with the winner's result. Whatever dies midway leaves a PENDING order or a set `release_due`,
 * both of which recovery.ts finishes.
 */
import { requireUser } from '../../lib/authz';
import type { Viewer } from '../../lib/identity';
import type { Logger } from '../../lib/log';
import { PeerUnavailable, unlessPeerUnavailable, type Peers } from '../../lib/peers';
import type { UserError } from '../../lib/user-error';
import {
  insertOrder,
  markReleased,
  orderByKey,
  rejectOrder,
  confirmOrder,
  cancelOrderRow,
  type NewOrder,
} from './db/order-writes';
import { ordersByIds, type OrdersDb } from './db/orders';
import type { OrderRow } from './db/schema';
import {
  checkLines,
  checkRequest,
  keyReused,
  MAX_TOTAL,
  outOfStock,
  unknownProduct,
  type PlaceOrderError,
  type PlaceOrderRequest,
  type RequestedLine,
} from './order-input';
import { catalogPrices } from './catalog';
import { orderMetrics } from './metrics';
import { releaseStock, reserveStock } from './stock';

export interface PlacementDeps {
  db: OrdersDb;
  peers: Peers;
  logger: Logger;
  /** The server's registry: placements and recovery are counted on it (metrics.ts). */
  metrics: Registry;
}

export interface OrderAnswer {
  order: OrderRow | null;
  errors: UserError[];
}

const CURRENCY = 'USD';

/** An order as placeOrder answers it: a rejected one with the reason it was rejected. */
function answer(order: OrderRow): OrderAnswer {
  return { order, errors: order.status === 'REJECTED' && order.rejection ? [order.rejection] : [] };
}

/** A retry gets the order its key already names; another request under that key an error. */
function replay(order: OrderRow, request: PlaceOrderRequest): OrderAnswer {
  return order.requestHash === request.requestHash
    ? answer(order)
    : { order: null, errors: [keyReused] };
}

async function currentOrder(db: OrdersDb, id: number): Promise<OrderRow> {
  const [row] = await ordersByIds(db, [id]);
  if (!row) throw new Error(`order ${id} vanished`);
  return row;
}

type Draft = Pick<NewOrder, 'status' | 'rejection' | 'lines' | 'totalAmount'>;

/** The order to record: priced lines, or a rejection naming the line that cannot be filled. */
async function draft(
  deps: PlacementDeps,
  viewer: Viewer,
  input: Parameters<typeof checkLines>[0],
): Promise<Draft> {
  const rejected = (rejection: PlaceOrderError): Draft => ({
    status: 'REJECTED',
    rejection,
    lines: [],
    totalAmount: 0,
  });
  const checked = checkLines(input);
  if ('rejection' in checked) return rejected(checked.rejection);
  const prices = await unlessPeerUnavailable(
    catalogPrices(
      deps.peers,
      checked.lines.map((l) => l.productId),
      viewer,
    ),
    deps.logger,
    'Prices could not be read from the catalog; nothing was recorded. Retry.',
  );
  const lines: NewOrder['lines'] = [];
  for (const [index, line] of checked.lines.entries()) {
    const price = prices.get(line.productId);
    if (!price) return rejected(unknownProduct(index));
    lines.push({
      productId: line.productId,
      quantity: line.quantity,
      unitPriceAmount: price.amount,
      currency: price.currency,
    });
  }
  const totalAmount = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceAmount, 0);
  if (totalAmount > MAX_TOTAL) {
    return rejected({
      code: 'TOTAL_TOO_LARGE',
      field: 'lines',
      message: `An order totals at most ${MAX_TOTAL} cents`,
    });
  }
  return { status: 'PENDING', rejection: null, lines, totalAmount };
}

export async function placeOrder(
  deps: PlacementDeps,
  viewer: Viewer,
  input: Parameters<typeof checkLines>[0] & Parameters<typeof checkRequest>[0],
): Promise<OrderAnswer> {
  const answered = await place(deps, viewer, input);
  // Codes are the placement's own UserError codes: a closed set.
  orderMetrics(deps.metrics).placements.inc({
    outcome: answered.order ? answered.order.status.toLowerCase() : 'refused',
    code: answered.errors[0]?.code ?? 'none',
  });
  return answered;
}

async function place(
  deps: PlacementDeps,
  viewer: Viewer,
  input: Parameters<typeof checkLines>[0] & Parameters<typeof checkRequest>[0],
): Promise<OrderAnswer> {
  const buyerId = requireUser(viewer);
  const request = checkRequest(input);
  if ('code' in request) return { order: null, errors: [request] };
  const earlier = await orderByKey(deps.db, buyerId, request.idempotencyKey);
  if (earlier) return replay(earlier, request);

  const order = await draft(deps, viewer, input);
  const recorded = await insertOrder(deps.db, {
    buyerId,
    ...request,
    ...order,
    currency: order.lines[0]?.currency ?? CURRENCY,
  });
  if (!recorded) {
    // A concurrent call with the same key recorded first.
    const winner = await orderByKey(deps.db, buyerId, request.idempotencyKey);
    if (!winner) throw new Error('idempotency key conflict without an order');
    return replay(winner, request);
  }
  if (recorded.status !== 'PENDING') return answer(recorded);
  return answer(await settle(deps, recorded, order.lines));
}

/**
 * Takes a PENDING order to CONFIRMED or REJECTED by holding its stock, or leaves it PENDING
 * when inventory cannot answer (recovery tries again). Safe to run for the same order from
 * several places at once. Returns the order as it stands afterwards.
 */
export async function settle(
  deps: PlacementDeps,
  order: OrderRow,
  lines: readonly RequestedLine[],
  onUnavailable?: (error: PeerUnavailable) => UserError | null,
): Promise<OrderRow> {
  let reply;
  try {
    reply = await reserveStock(deps.peers, order.id, lines);
  } catch (error) {
    if (!(error instanceof PeerUnavailable)) throw error;
    deps.logger.warn({ err: error, orderId: order.id }, 'stock not held yet; order stays PENDING');
    const giveUp = onUnavailable?.(error);
    return giveUp ? await reject(deps, order.id, giveUp) : order;
  }
  if (reply.outcome === 'HELD') {
    return (await confirmOrder(deps.db, order.id)) ?? (await currentOrder(deps.db, order.id));
  }
  // Inventory's refusal is final and holds nothing, so there is nothing to give back.
  // RELEASED: a cancel gave the order up (its status already says so, and the rejection below
  // does not apply), or an earlier reserve was refused and its answer was lost on the way.
  const rejection =
    reply.outcome === 'INSUFFICIENT' ? outOfStock(reply.line, reply.available) : stockRefused;
  return await reject(deps, order.id, rejection, false);
}

const stockRefused: UserError = {
  code: 'OUT_OF_STOCK',
  field: null,
  message: 'The stock for this order could not be held',
};

async function reject(
  deps: PlacementDeps,
  id: number,
  rejection: UserError,
  releaseDue = true,
): Promise<OrderRow> {
  const rejected = await rejectOrder(deps.db, id, rejection, releaseDue);
  if (!rejected) return await currentOrder(deps.db, id);
  if (releaseDue) await giveBack(deps, id);
  return rejected;
}

/**
 * Asks inventory to release what the order holds, then clears `release_due`. When inventory
 * cannot answer the flag stays set and recovery asks again; releasing twice is harmless.
 */
export async function giveBack(deps: PlacementDeps, id: number): Promise<boolean> {
  try {
    await releaseStock(deps.peers, id);
  } catch (error) {
    if (!(error instanceof PeerUnavailable)) throw error;
    deps.logger.warn({ err: error, orderId: id }, 'stock release deferred to recovery');
    return false;
  }
  await markReleased(deps.db, id);
  return true;
}

export type CancelCode = 'NOT_FOUND' | 'NOT_CANCELLABLE';

/** Cancels `order` (already checked to be the viewer's or an admin's) and returns its stock. */
export async function cancelOrder(
  deps: PlacementDeps,
  order: OrderRow | null,
): Promise<OrderAnswer> {
  if (!order) {
    return {
      order: null,
      errors: [{ code: 'NOT_FOUND', field: 'id', message: 'There is no such order' }],
    };
  }
  const cancelled = await cancelOrderRow(deps.db, order.id);
  if (cancelled) {
    await giveBack(deps, cancelled.id);
    return { order: cancelled, errors: [] };
  }
  const current = await currentOrder(deps.db, order.id);
  if (current.status === 'CANCELLED') return { order: current, errors: [] };
  return {
    order: null,
    errors: [
      {
        code: 'NOT_CANCELLABLE',
        field: 'id',
        message: `A ${current.status.toLowerCase()} order cannot be cancelled`,
      },
    ],
  };
}

/** Orders' side of inventory's internal stock API (contracts/stock.ts). */
import {
  RELEASE_PATH,
  releaseReply,
  RESERVE_PATH,
  reserveReply,
  type ReserveReply,
} from '../../contracts/stock';
import { anonymous } from '../../lib/identity';
import { PeerUnavailable, type Peers } from '../../lib/peers';
import type { RequestedLine } from './order-input';

/**
 * Holds the lines for the order, or learns it was released first, or which line is short.
 * Throws PeerUnavailable when inventory gives no usable answer: the hold may or may not exist
 * then, which only recovery (retrying this idempotent call) can settle.
 */
export async function reserveStock(
  peers: Peers,
  orderId: number,
  lines: readonly RequestedLine[],
): Promise<ReserveReply> {
  const { status, body } = await peers.post(
    'inventory',
    RESERVE_PATH,
    { orderId, lines },
    anonymous,
  );
  const reply = reserveReply.safeParse(body);
  if ((status !== 200 && status !== 409) || !reply.success) {
    throw new PeerUnavailable('inventory', `reserve answered ${status}`);
  }
  return reply.data;
}

/** Gives back what the order holds (idempotent). Throws PeerUnavailable when not acknowledged. */
export async function releaseStock(peers: Peers, orderId: number): Promise<void> {
  const { status, body } = await peers.post('inventory', RELEASE_PATH, { orderId }, anonymous);
  if (status !== 200 || !releaseReply.safeParse(body).success) {
    throw new PeerUnavailable('inventory', `release answered ${status}`);
  }
}

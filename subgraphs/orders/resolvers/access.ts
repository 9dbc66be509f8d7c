import { requireSelfOrAdmin, requireUser } from '../../../lib/authz';
import { parseId } from '../../../lib/batch';
import type { Viewer } from '../../../lib/identity';
import type { OrderRow } from '../db/schema';
import type { OrdersLoaders } from '../loaders';

/**
 * An order, for its buyer or an admin. Anonymous callers are refused before the lookup, so
 * they learn nothing (not even whether the order exists); others learn only that it is not
 * theirs. Everything under an order is reached through here or through User.orders.
 */
export async function visibleOrder(
  id: string | number,
  loaders: OrdersLoaders,
  viewer: Viewer,
): Promise<OrderRow | null> {
  requireUser(viewer);
  const key = parseId(id);
  const order = key === null ? null : await loaders.orderById.load(key);
  if (order) requireSelfOrAdmin(viewer, order.buyerId);
  return order;
}

import { requireSelfOrAdmin } from '../../../lib/authz';
import { parseId } from '../../../lib/batch';
import { cursorOf, readPage } from '../../../lib/keyset';
import { toConnection } from '../../../lib/pagination';
import type { OrderConnectionResolvers, UserResolvers } from '../__generated__/resolvers';
import { newestOrders } from '../db/orders';

export const User: UserResolvers = {
  // Users live in accounts; orders only needs the key.
  __resolveReference: (ref) => ref,
  orders: async (user, args, { loaders, viewer }) => {
    const page = readPage(newestOrders, args);
    const buyerId = parseId(user.id);
    requireSelfOrAdmin(viewer, buyerId ?? 0);
    const rows = buyerId === null ? [] : await loaders.ordersOfBuyer.get(page).load(buyerId);
    return toConnection(
      rows,
      page,
      (row) => cursorOf(newestOrders, row),
      async () => (buyerId === null ? 0 : await loaders.orderCountOfBuyer.load(buyerId)),
    );
  },
};

export const OrderConnection: OrderConnectionResolvers = {
  totalCount: async (connection) => await connection.count(),
};

import { entityRef } from '../../../lib/federation';
import { money } from '../../../lib/scalars';
import type { OrderLineResolvers, OrderResolvers } from '../__generated__/resolvers';
import { visibleOrder } from './access';

export const Order: OrderResolvers = {
  // Reached from another subgraph: the same rule as Query.order.
  __resolveReference: async (ref, { loaders, viewer }) =>
    await visibleOrder(ref.id, loaders, viewer),
  buyer: (order) => entityRef(order.buyerId),
  lines: async (order, _, { loaders }) => await loaders.linesOfOrder.load(order.id),
  total: (order) => money(order.totalAmount, order.currency),
};

export const OrderLine: OrderLineResolvers = {
  product: (line) => entityRef(line.productId),
  unitPrice: (line) => money(line.unitPriceAmount, line.currency),
  lineTotal: (line) => money(line.unitPriceAmount * line.quantity, line.currency),
};

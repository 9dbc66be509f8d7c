import { parseId } from '../../../lib/batch';
import { entityRef } from '../../../lib/federation';
import { money } from '../../../lib/scalars';
import type { OrderLineResolvers, OrderResolvers } from '../__generated__/resolvers';

export const Order: OrderResolvers = {
  __resolveReference: async (ref, { loaders }) => {
    const id = parseId(ref.id);
    return id === null ? null : await loaders.orderById.load(id);
  },
  buyer: (order) => entityRef(order.buyerId),
  lines: async (order, _, { loaders }) => await loaders.linesOfOrder.load(order.id),
  total: (order) => money(order.totalAmount, order.currency),
};

export const OrderLine: OrderLineResolvers = {
  product: (line) => entityRef(line.productId),
  unitPrice: (line) => money(line.unitPriceAmount, line.currency),
  lineTotal: (line) => money(line.unitPriceAmount * line.quantity, line.currency),
};

import type { MutationResolvers } from '../__generated__/resolvers';
import { cancelOrder, placeOrder } from '../placement';
import { visibleOrder } from './access';

export const Mutation: MutationResolvers = {
  placeOrder: async (_, { input }, { db, peers, logger, viewer }) =>
    await placeOrder({ db, peers, logger }, viewer, input),
  // Only the buyer or an admin gets past visibleOrder (others: FORBIDDEN, as Query.order).
  cancelOrder: async (_, { id }, { db, peers, logger, loaders, viewer }) =>
    await cancelOrder({ db, peers, logger }, await visibleOrder(id, loaders, viewer)),
};

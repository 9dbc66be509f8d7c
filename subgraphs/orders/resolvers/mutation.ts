import type { MutationResolvers } from '../__generated__/resolvers';
import { cancelOrder, placeOrder } from '../placement';
import { visibleOrder } from './access';

export const Mutation: MutationResolvers = {
  placeOrder: async (_, { input }, { db, peers, logger, metrics, viewer }) =>
    await placeOrder({ db, peers, logger, metrics }, viewer, input),
  // Only the buyer or an admin gets past visibleOrder (others: FORBIDDEN, as Query.order).
  cancelOrder: async (_, { id }, { db, peers, logger, metrics, loaders, viewer }) =>
    await cancelOrder({ db, peers, logger, metrics }, await visibleOrder(id, loaders, viewer)),
};

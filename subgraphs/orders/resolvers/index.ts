import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { visibleOrder } from './access';
import { Mutation } from './mutation';
import { Order, OrderLine } from './order';
import { OrderConnection, User } from './user';

export const resolvers: Resolvers = {
  DateTime,
  Mutation,
  Query: {
    order: async (_, { id }, { loaders, viewer }) => await visibleOrder(id, loaders, viewer),
  },
  Order,
  OrderLine,
  OrderConnection,
  User,
};

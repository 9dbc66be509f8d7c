import { parseId } from '../../../lib/batch';
import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Order, OrderLine } from './order';
import { OrderConnection, User } from './user';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    order: async (_, { id }, { loaders }) => {
      const key = parseId(id);
      return key === null ? null : await loaders.orderById.load(key);
    },
  },
  Order,
  OrderLine,
  OrderConnection,
  User,
};

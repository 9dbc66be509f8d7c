import { parseId } from '../../../lib/batch';
import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: async (_, __, { viewer, loaders }) =>
      viewer.userId === null ? null : await loaders.userById.load(viewer.userId),
    user: async (_, { id }, { loaders }) => {
      const key = parseId(id);
      return key === null ? null : await loaders.userById.load(key);
    },
  },
  User: {
    __resolveReference: async (ref, { loaders }) => {
      const id = parseId(ref.id);
      return id === null ? null : await loaders.userById.load(id);
    },
  },
};

import { requireSelfOrAdmin } from '../../../lib/authz';
import { parseId } from '../../../lib/batch';
import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Mutation } from './mutation';

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
  Mutation,
  User: {
    __resolveReference: async (ref, { loaders }) => {
      const id = parseId(ref.id);
      return id === null ? null : await loaders.userById.load(id);
    },
    // The user's own address: for the user and for admins, by whatever path the user was reached
    // (and in the payload of the signUp or logIn that has just proved who the caller is).
    email: (user, _, { viewer }) => {
      if (!user.authenticatedHere) requireSelfOrAdmin(viewer, user.id);
      return user.email;
    },
  },
};

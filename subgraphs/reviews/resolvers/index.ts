import { parseId } from '../../../lib/batch';
import { entityRef } from '../../../lib/federation';
import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { reviewConnection } from './lists';
import { Mutation } from './mutation';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    review: async (_, { id }, { loaders }) => {
      const key = parseId(id);
      return key === null ? null : await loaders.reviewById.load(key);
    },
  },
  Mutation,
  Review: {
    __resolveReference: async (ref, { loaders }) => {
      const id = parseId(ref.id);
      return id === null ? null : await loaders.reviewById.load(id);
    },
    product: (review) => entityRef(review.productId),
    author: (review) => entityRef(review.authorId),
  },
  Product: {
    __resolveReference: (ref) => ref,
    reviews: (product, args, { loaders }) =>
      reviewConnection(product, args, loaders.reviewsOfProduct, loaders.reviewCountOfProduct),
    rating: async (product, _, { loaders }) => {
      const id = parseId(product.id);
      const row = id === null ? null : await loaders.ratingOfProduct.load(id);
      return { average: row?.average ?? null, count: row?.count ?? 0 };
    },
  },
  User: {
    __resolveReference: (ref) => ref,
    reviews: (user, args, { loaders }) =>
      reviewConnection(user, args, loaders.reviewsOfAuthor, loaders.reviewCountOfAuthor),
  },
  ReviewConnection: {
    totalCount: async (connection) => await connection.count(),
  },
};

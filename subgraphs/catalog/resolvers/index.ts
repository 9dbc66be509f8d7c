import { DateTime } from '../../../lib/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Category, ProductConnection } from './category';
import { Product } from './product';
import { Mutation } from './mutation';
import { Query } from './query';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Product,
  Category,
  ProductConnection,
};

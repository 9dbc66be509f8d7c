import type { SubgraphDefinition } from '../../lib/subgraph';
import { tables } from './db/schema';
import { createLoaders, type OrdersLoaders } from './loaders';
import { resolvers } from './resolvers';

/** Orders owns orders and their lines (Postgres schema `orders`). */
export const orders: SubgraphDefinition<typeof tables, OrdersLoaders> = {
  name: 'orders',
  schemaFile: new URL('./schema.graphql', import.meta.url),
  tables,
  resolvers,
  createLoaders,
};

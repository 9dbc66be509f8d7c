import type { SubgraphDefinition } from '../../lib/subgraph';
import { tables } from './db/schema';
import { createLoaders, type ReviewsLoaders } from './loaders';
import { resolvers } from './resolvers';

/** Reviews owns product reviews and ratings (Postgres schema `reviews`). */
export const reviews: SubgraphDefinition<typeof tables, ReviewsLoaders> = {
  name: 'reviews',
  schemaFile: new URL('./schema.graphql', import.meta.url),
  tables,
  resolvers,
  createLoaders,
};

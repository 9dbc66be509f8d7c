import type { SubgraphDefinition } from '../../lib/subgraph';
import { tables } from './db/schema';
import { createLoaders, type CatalogLoaders } from './loaders';
import { resolvers } from './resolvers';

/** Catalog owns products and the category tree (Postgres schema `catalog`). */
export const catalog: SubgraphDefinition<typeof tables, CatalogLoaders> = {
  name: 'catalog',
  schemaFile: new URL('./schema.graphql', import.meta.url),
  tables,
  resolvers,
  createLoaders,
};

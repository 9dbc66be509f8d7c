import type { SubgraphDefinition } from '../../lib/subgraph';
import { tables } from './db/schema';
import { inventoryInternalRoutes } from './internal';
import { createLoaders, type InventoryLoaders } from './loaders';
import { resolvers } from './resolvers';

/**
 * Inventory owns stock per product, the holds orders place on it, and shipping estimates
 * (Postgres schema `inventory`).
 */
export const inventory: SubgraphDefinition<typeof tables, InventoryLoaders> = {
  name: 'inventory',
  schemaFile: new URL('./schema.graphql', import.meta.url),
  tables,
  resolvers,
  createLoaders,
  internalRoutes: inventoryInternalRoutes,
};

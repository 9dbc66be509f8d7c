import type { SubgraphDefinition } from '../../lib/subgraph';
import { tables } from './db/schema';
import { createLoaders, type OrdersLoaders } from './loaders';
import { observeOrders } from './metrics';
import { recoveryEnvSettings, startRecovery } from './recovery';
import { resolvers } from './resolvers';

/**
 * Orders owns orders and their lines (Postgres schema `orders`), places and cancels them, and
 * recovers placements cut off midway (recovery.ts).
 */
export const orders: SubgraphDefinition<typeof tables, OrdersLoaders, typeof recoveryEnvSettings> =
  {
    name: 'orders',
    schemaFile: new URL('./schema.graphql', import.meta.url),
    tables,
    resolvers,
    createLoaders,
    settings: recoveryEnvSettings,
    background: startRecovery,
    observe: observeOrders,
  };

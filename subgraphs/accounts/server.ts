import type { SubgraphDefinition } from '../../lib/subgraph';
import { tables } from './db/schema';
import { accountsInternalRoutes } from './internal';
import { createLoaders, type AccountsLoaders } from './loaders';
import { resolvers } from './resolvers';

/** Accounts owns users and their credentials, and partners' API keys (Postgres schema `accounts`). */
export const accounts: SubgraphDefinition<typeof tables, AccountsLoaders> = {
  name: 'accounts',
  schemaFile: new URL('./schema.graphql', import.meta.url),
  tables,
  resolvers,
  createLoaders,
  internalRoutes: accountsInternalRoutes,
};

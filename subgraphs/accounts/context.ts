import type { SubgraphContext } from '../../lib/context';
import type { AccountsDb } from './db/users';
import type { AccountsLoaders } from './loaders';

export type AccountsContext = SubgraphContext<AccountsDb, AccountsLoaders>;

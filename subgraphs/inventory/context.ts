import type { SubgraphContext } from '../../lib/context';
import type { InventoryDb } from './db/stock';
import type { InventoryLoaders } from './loaders';

export type InventoryContext = SubgraphContext<InventoryDb, InventoryLoaders>;

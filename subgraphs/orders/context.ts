import type { SubgraphContext } from '../../lib/context';
import type { OrdersDb } from './db/orders';
import type { OrdersLoaders } from './loaders';

export type OrdersContext = SubgraphContext<OrdersDb, OrdersLoaders>;

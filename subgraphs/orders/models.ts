/** The shapes resolvers return for schema types that are not plain rows (codegen mappers). */
import type { Connection } from '../../lib/pagination';
import type { OrderRow } from './db/schema';

export type OrderConnectionModel = Connection<OrderRow>;
export type OrderEdgeModel = OrderConnectionModel['edges'][number];

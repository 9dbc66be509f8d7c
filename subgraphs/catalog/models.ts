/** The shapes resolvers return for schema types that are not plain rows (codegen mappers). */
import type { Connection } from '../../lib/pagination';
import type { ProductRow } from './db/schema';

export type ProductConnectionModel = Connection<ProductRow>;
export type ProductEdgeModel = ProductConnectionModel['edges'][number];

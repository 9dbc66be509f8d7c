/** The shapes resolvers return for schema types that are not plain rows (codegen mappers). */
import type { Connection } from '../../lib/pagination';
import type { ProductRow } from './db/schema';
import type { UserError } from '../../lib/user-error';

export type ProductConnectionModel = Connection<ProductRow>;
export type ProductEdgeModel = ProductConnectionModel['edges'][number];

/** A product mutation's outcome: the saved row, or the reasons it was not saved. */
export interface ProductPayloadModel {
  product: ProductRow | null;
  errors: UserError[];
}

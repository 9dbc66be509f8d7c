/** The shapes resolvers return for schema types that are not plain rows (codegen mappers). */
import type { Connection } from '../../lib/pagination';
import type { ProductRow } from './db/schema';
import type { UserErrorModel } from './product-input';

export type ProductConnectionModel = Connection<ProductRow>;
export type ProductEdgeModel = ProductConnectionModel['edges'][number];

/** A product mutation's outcome: the saved row, or the reasons it was not saved. */
export interface ProductPayloadModel {
  product: ProductRow | null;
  errors: UserErrorModel[];
}

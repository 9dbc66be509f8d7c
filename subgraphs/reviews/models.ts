/** The shapes resolvers return for schema types that are not plain rows (codegen mappers). */
import type { Connection } from '../../lib/pagination';
import type { ReviewRow } from './db/schema';

export type ReviewConnectionModel = Connection<ReviewRow>;
export type ReviewEdgeModel = ReviewConnectionModel['edges'][number];
export interface RatingSummaryModel {
  average: number | null;
  count: number;
}

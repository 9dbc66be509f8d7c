import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderFamily } from '../../lib/batch';
import type { Page } from '../../lib/pagination';
import {
  countReviewsOfParents,
  ratingSummaries,
  reviewsByIds,
  reviewsOfParents,
  type RatingSummaryRow,
  type ReviewParent,
  type ReviewsDb,
} from './db/reviews';
import type { ReviewRow } from './db/schema';

/** Per-request loaders: every lookup below issues one statement per batch of keys. */
export function createLoaders(db: ReviewsDb) {
  const pagesOf = (parent: ReviewParent) =>
    new LoaderFamily<Page, number, ReviewRow[]>(async (page, ids) =>
      groupByKey(
        ids,
        await reviewsOfParents(db, { parent, parentIds: ids, page }),
        (r) => r[parent],
      ),
    );
  const countsOf = (parent: ReviewParent) =>
    new DataLoader<number, number>(async (ids) =>
      byKey(ids, await countReviewsOfParents(db, parent, ids), (r) => r.parentId).map(
        (r) => r?.n ?? 0,
      ),
    );
  return {
    reviewById: new DataLoader<number, ReviewRow | null>(async (ids) =>
      byKey(ids, await reviewsByIds(db, ids), (r) => r.id),
    ),
    reviewsOfProduct: pagesOf('productId'),
    reviewsOfAuthor: pagesOf('authorId'),
    reviewCountOfProduct: countsOf('productId'),
    reviewCountOfAuthor: countsOf('authorId'),
    ratingOfProduct: new DataLoader<number, RatingSummaryRow | null>(async (ids) =>
      byKey(ids, await ratingSummaries(db, ids), (r) => r.productId),
    ),
  };
}

export type ReviewsLoaders = ReturnType<typeof createLoaders>;

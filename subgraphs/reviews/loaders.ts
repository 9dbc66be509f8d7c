import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderFamily, namedLoader, type BatchObserver } from '../../lib/batch';
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

/**
 * Per-request loaders: every lookup below issues one statement per batch of keys, except a
 * product's review count, which reuses its rating summary's.
 */
export function createLoaders(db: ReviewsDb, observe: BatchObserver) {
  const pagesOf = (parent: ReviewParent) =>
    new LoaderFamily<Page, number, ReviewRow[]>(observe, `reviewsOf:${parent}`, async (page, ids) =>
      groupByKey(
        ids,
        await reviewsOfParents(db, { parent, parentIds: ids, page }),
        (r) => r[parent],
      ),
    );
  const countsOf = (parent: ReviewParent) =>
    namedLoader<number, number>(observe, `reviewCountOf:${parent}`, async (ids) =>
      byKey(ids, await countReviewsOfParents(db, parent, ids), (r) => r.parentId).map(
        (r) => r?.n ?? 0,
      ),
    );
  const ratingOfProduct = namedLoader<number, RatingSummaryRow | null>(
    observe,
    'ratingOfProduct',
    async (ids) => byKey(ids, await ratingSummaries(db, ids), (r) => r.productId),
  );
  return {
    reviewById: namedLoader<number, ReviewRow | null>(observe, 'reviewById', async (ids) =>
      byKey(ids, await reviewsByIds(db, ids), (r) => r.id),
    ),
    reviewsOfProduct: pagesOf('productId'),
    reviewsOfAuthor: pagesOf('authorId'),
    // A product's review count is its rating summary's count: a page asking for both `rating`
    // and `reviews { totalCount }` (the product page) reads them in one statement, not two.
    reviewCountOfProduct: new DataLoader<number, number>(async (ids) =>
      (await ratingOfProduct.loadMany(ids)).map((row) =>
        row instanceof Error ? row : (row?.count ?? 0),
      ),
    ),
    reviewCountOfAuthor: countsOf('authorId'),
    ratingOfProduct,
  };
}

export type ReviewsLoaders = ReturnType<typeof createLoaders>;

import {
  and,
  avg,
  count,
  getTableColumns,
  lte,
  sql,
  type Placeholder,
  type SQL,
} from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { anyInt, anyIntKeys, builtOnce, keys } from '../../../lib/sql';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { afterCondition, rankWithin, type KeysetOrder } from '../../../lib/keyset';
import type { Page } from '../../../lib/pagination';
import { reviews, type ReviewRow, type tables } from './schema';
import { statement } from '../../../lib/statements';

export type ReviewsDb = PostgresJsDatabase<typeof tables>;

/** Reviews are listed newest first, id breaking ties. */
export const newestReviews: KeysetOrder<ReviewRow> = {
  kind: 'reviews:NEWEST',
  columns: [reviews.createdAt, reviews.id],
  direction: 'desc',
  shape: ['timestamp', 'number'],
  key: (r) => [r.createdAt.toISOString(), r.id],
};

/** The column a review list hangs from: a product's reviews or an author's. */
export type ReviewParent = 'productId' | 'authorId';

export const reviewsByIds = statement(
  'reviewsByIds',
  async function reviewsByIds(db: ReviewsDb, ids: readonly number[]): Promise<ReviewRow[]> {
    return await db.select().from(reviews).where(anyInt(reviews.id, ids));
  },
);

/** The newest `limit` reviews of each parent the condition picks, ranked within each parent. */
function pagesQuery(
  db: ReviewsDb,
  parentName: ReviewParent,
  where: SQL | undefined,
  limit: number | Placeholder,
) {
  const parent: PgColumn = reviews[parentName];
  const ranked = db
    .select({ ...getTableColumns(reviews), rank: rankWithin(parent, newestReviews).as('rank') })
    .from(reviews)
    .where(where)
    .as('ranked');
  const { rank: _rank, ...columns } = ranked._.selectedFields;
  return db
    .select(columns)
    .from(ranked)
    .where(lte(ranked.rank, limit))
    .orderBy(ranked[parentName], ranked.rank);
}

/** First pages (no cursor), as on the product page: built once per handle (builtOnce). */
const firstPagesOf = (parent: ReviewParent) =>
  builtOnce((db: ReviewsDb) =>
    pagesQuery(db, parent, anyIntKeys(reviews[parent]), sql.placeholder('limit')).prepare(
      `firstReviewsOf:${parent}`,
    ),
  );
const firstPages = { productId: firstPagesOf('productId'), authorId: firstPagesOf('authorId') };

/** A page of reviews for each of several parents, in one statement (ranked within each parent). */
export const reviewsOfParents = statement(
  'reviewsOfParents',
  async function reviewsOfParents(
    db: ReviewsDb,
    params: { parent: ReviewParent; parentIds: readonly number[]; page: Page },
  ): Promise<ReviewRow[]> {
    const limit = params.page.first + 1;
    if (!params.page.after)
      return await firstPages[params.parent](db).execute({ ...keys(params.parentIds), limit });
    const where = and(
      anyInt(reviews[params.parent], params.parentIds),
      afterCondition(newestReviews, params.page),
    );
    return await pagesQuery(db, params.parent, where, limit);
  },
);

export const countReviewsOfParents = statement(
  'countReviewsOfParents',
  async function countReviewsOfParents(
    db: ReviewsDb,
    parent: ReviewParent,
    parentIds: readonly number[],
  ): Promise<{ parentId: number; n: number }[]> {
    const column = reviews[parent];
    return await db
      .select({ parentId: column, n: count() })
      .from(reviews)
      .where(anyInt(column, parentIds))
      .groupBy(column);
  },
);

export interface RatingSummaryRow {
  productId: number;
  average: number | null;
  count: number;
}

const ratingSummariesQuery = builtOnce((db: ReviewsDb) =>
  db
    .select({ productId: reviews.productId, average: avg(reviews.rating), count: count() })
    .from(reviews)
    .where(anyIntKeys(reviews.productId))
    .groupBy(reviews.productId)
    .prepare('ratingSummaries'),
);

/** Average and count per product, for several products in one statement. */
export const ratingSummaries = statement(
  'ratingSummaries',
  async function ratingSummaries(
    db: ReviewsDb,
    productIds: readonly number[],
  ): Promise<RatingSummaryRow[]> {
    const rows = await ratingSummariesQuery(db).execute(keys(productIds));
    // avg() comes back as numeric text; a rating average is safely a double.
    return rows.map((r) => ({ ...r, average: r.average === null ? null : Number(r.average) }));
  },
);

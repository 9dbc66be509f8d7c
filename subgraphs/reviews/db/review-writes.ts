import { violatesUnique } from '../../../lib/sql';
import type { ReviewsDb } from './reviews';
import { reviews, type ReviewRow } from './schema';
import { statement } from '../../../lib/statements';

/** The columns a new review is made of (id and createdAt come from the database). */
export type NewReview = Pick<
  typeof reviews.$inferInsert,
  'productId' | 'authorId' | 'rating' | 'body'
>;

/** Why a write did not happen, when the database itself decided it. */
export type ReviewConflict = 'ALREADY_REVIEWED';

/**
 * Inserts a review; `ALREADY_REVIEWED` when the author has reviewed the product. The unique index
 * decides, not a prior select, so concurrent duplicates are refused the same way.
 */
export const insertReview = statement(
  'insertReview',
  async function insertReview(
    db: ReviewsDb,
    review: NewReview,
  ): Promise<ReviewRow | ReviewConflict> {
    try {
      const [row] = await db.insert(reviews).values(review).returning();
      if (!row) throw new Error('insert into reviews.reviews returned no row');
      return row;
    } catch (error) {
      if (violatesUnique(error, 'reviews_product_author_key')) return 'ALREADY_REVIEWED';
      throw error;
    }
  },
);

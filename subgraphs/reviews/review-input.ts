import { parseId } from '../../lib/batch';
import type { UserError } from '../../lib/user-error';
import type { NewReview } from './db/review-writes';

/** The UserError codes of addReview (its schema description lists them too). */
export type ReviewErrorCode =
  'INVALID_RATING' | 'INVALID_BODY' | 'UNKNOWN_PRODUCT' | 'ALREADY_REVIEWED';
export type ReviewError = UserError<ReviewErrorCode>;

/** What a client sends for a review. */
export interface ReviewInput {
  productId: string | number;
  rating: number;
  body: string;
}

/** The columns a valid input gives; the author is the viewer, not part of the input. */
export type ReviewFields = Omit<NewReview, 'authorId'>;

export const MAX_BODY = 4_000;

export const unknownProduct: ReviewError = {
  code: 'UNKNOWN_PRODUCT',
  field: 'productId',
  message: 'There is no such product',
};

/**
 * Checks an input and turns it into columns: `fields` is null while there is an error, and every
 * error is reported at once. Whether the product exists is for the caller to ask catalog.
 */
export function checkReviewInput(input: ReviewInput): {
  fields: ReviewFields | null;
  errors: ReviewError[];
} {
  const errors: ReviewError[] = [];
  const productId = parseId(input.productId);
  if (productId === null) errors.push(unknownProduct);
  const { rating } = input;
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    errors.push({
      code: 'INVALID_RATING',
      field: 'rating',
      message: 'A rating is a whole number of stars from 1 to 5',
    });
  }
  const body = input.body.trim();
  // Characters as people count them (code points, so an emoji is one); PostgreSQL text cannot
  // hold NUL, so one would otherwise fail in the database.
  const length = [...body].length;
  if (length < 1 || length > MAX_BODY || body.includes('\u0000')) {
    errors.push({
      code: 'INVALID_BODY',
      field: 'body',
      message: `A review has 1 to ${MAX_BODY.toLocaleString('en-US')} characters`,
    });
  }
  if (productId === null || errors.length > 0) return { fields: null, errors };
  return { fields: { productId, rating, body }, errors };
}

import { requireUser } from '../../../lib/authz';
import { unlessPeerUnavailable } from '../../../lib/peers';
import type { MutationResolvers } from '../__generated__/resolvers';
import { catalogHasProduct } from '../catalog';
import type { ReviewsContext } from '../context';
import { insertReview, type ReviewConflict } from '../db/review-writes';
import { checkReviewInput, unknownProduct, type ReviewError } from '../review-input';

const conflicts: Record<ReviewConflict, ReviewError> = {
  ALREADY_REVIEWED: {
    code: 'ALREADY_REVIEWED',
    field: 'productId',
    message: 'You have already reviewed this product',
  },
};

/** Whether catalog knows the product. Catalog being down is not "unknown": nothing is saved. */
async function productExists(
  id: number,
  { peers, viewer, logger }: ReviewsContext,
): Promise<boolean> {
  return await unlessPeerUnavailable(
    catalogHasProduct(peers, id, viewer),
    logger,
    'catalog could not be reached; nothing was saved — try again',
  );
}

export const Mutation: MutationResolvers = {
  // Reviews are written by signed-in users; anyone else gets a GraphQL error, not a UserError.
  addReview: async (_, { input }, context) => {
    const authorId = requireUser(context.viewer);
    const { fields, errors } = checkReviewInput(input);
    if (!fields) return { review: null, errors };
    if (!(await productExists(fields.productId, context)))
      return { review: null, errors: [unknownProduct] };
    const saved = await insertReview(context.db, { ...fields, authorId });
    return typeof saved === 'string'
      ? { review: null, errors: [conflicts[saved]] }
      : { review: saved, errors: [] };
  },
};

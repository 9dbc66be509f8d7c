import { copyInto, type CompleteRow, type SeedSql, type TableProgressListener } from '../copy';
import type { World } from '../world';
import { reviews } from '../../../subgraphs/reviews/db/schema';

/** Writes the world's reviews into reviews.reviews; at large scales this is most of the seed. */
export async function seedReviews(
  sql: SeedSql,
  world: World,
  onProgress?: TableProgressListener,
): Promise<void> {
  function* rows(): Generator<CompleteRow<typeof reviews>> {
    for (const review of world.reviews()) {
      yield {
        id: review.id,
        productId: review.productId,
        authorId: review.authorId,
        rating: review.rating,
        body: review.body,
        createdAt: review.createdAt,
      };
    }
  }
  await copyInto(sql, reviews, rows(), world.counts.reviews, onProgress);
}

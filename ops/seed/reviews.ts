import { at, FIRST_CUSTOMER_ID, itemOf, leafOf, type Facts } from './facts';
import { rngFor, type Rng } from './prng';
import { closers, departmentDetails, generalDetails, openers, type Mood } from './review-vocab';

export interface SeedReview {
  id: number;
  productId: number;
  authorId: number;
  rating: number;
  body: string;
  createdAt: Date;
}

/** Rating weights (1★..5★) for great, good and disappointing products: mostly positive. */
const qualityRatings: readonly (readonly number[])[] = [
  [1, 2, 5, 22, 70],
  [3, 5, 12, 40, 40],
  [15, 20, 25, 25, 15],
];
const qualityWeights = [40, 45, 15];

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** "Sunscreen SPF 50" → "sunscreen SPF 50": lower case, but keep acronyms and model numbers. */
function spokenNoun(noun: string): string {
  return noun
    .split(' ')
    .map((word) => (word.length > 1 && /^[A-Z0-9-]+$/.test(word) ? word : word.toLowerCase()))
    .join(' ');
}

function reviewBody(rng: Rng, rating: number, noun: string, department: string): string {
  // A four-star review often comes with a reservation.
  const mixed = rating === 3 || (rating === 4 && rng.chance(0.3));
  const mood: Mood = rating <= 2 ? 'negative' : mixed ? 'mixed' : 'positive';
  const opener = rng.pick(at(openers, rating - 1, 'rating')).replace('{noun}', noun);
  const departmentPool = departmentDetails[department]?.[mood];
  const detail = rng.pick(
    departmentPool && rng.chance(0.5) ? departmentPool : generalDetails[mood],
  );
  return rng.chance(0.3) ? `${opener} ${detail} ${rng.pick(closers[mood])}` : `${opener} ${detail}`;
}

/** Reviews grouped by product, ids 1..n in that order. */
export function* generateReviews(facts: Facts): Generator<SeedReview> {
  const { customers } = facts;
  let id = 0;
  for (let productId = 1; productId <= facts.counts.products; productId++) {
    const count = at(facts.reviewCounts, productId - 1, 'product');
    if (count === 0) continue;
    const rng = rngFor(facts.seed, 'reviews', productId);
    const leaf = leafOf(facts, productId);
    const noun = leaf.vocab.reviewNoun ?? spokenNoun(itemOf(facts, productId).noun);
    const productCreated = at(facts.productCreated, productId - 1, 'product');
    // Authors (offset + i·stride) mod customers are distinct for i < customers when stride is
    // coprime with customers, so UNIQUE (product_id, author_id) holds by construction.
    const offset = rng.int(0, customers - 1);
    let stride = rng.int(1, Math.max(1, customers - 1));
    while (gcd(stride, customers) !== 1) stride = (stride % customers) + 1;
    const ratingWeights = at(qualityRatings, rng.weighted(qualityWeights), 'quality');

    for (let i = 0; i < count; i++) {
      const authorId = FIRST_CUSTOMER_ID + ((offset + i * stride) % customers);
      const rating = 1 + rng.weighted(ratingWeights);
      // Written after both the product and its author existed, and not after "now".
      const from = Math.max(productCreated, at(facts.userCreated, authorId - 1, 'user'));
      id++;
      yield {
        id,
        productId,
        authorId,
        rating,
        body: reviewBody(rng, rating, noun, leaf.code),
        createdAt: new Date(from + 1 + Math.floor(rng.float() * (facts.end - from))),
      };
    }
  }
}

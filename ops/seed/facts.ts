/**
 * The few numbers per user and product that other tables must agree with — when each was
 * created, what a product costs and weighs, what kind of item it is, how many reviews it gets.
 * They live in typed arrays (a few bytes per row, so ~3 MB at a million reviews); every other
 * column is regenerated on demand from its own random stream.
 */
import type { Item } from './catalog-vocab';
import { flattenCategoryTree, type FlatTree, type Leaf } from './category-tree';
import { rngFor, type Rng } from './prng';

export const DAY_MS = 86_400_000;
/** Users and products appear over two years, ending a week before "now"... */
const CATALOG_HISTORY_DAYS = 730;
export const QUIET_DAYS_BEFORE_UNTIL = 7;
/** ...and orders are placed over the last year and a half. */
const ORDER_HISTORY_DAYS = 540;
export const ADMIN_ID = 1;
/** Customers are users 2..n; the admin neither buys nor reviews. */
export const FIRST_CUSTOMER_ID = 2;

export interface BaseCounts {
  products: number;
  users: number;
  orders: number;
  reviews: number;
}

export interface Facts {
  seed: number;
  counts: BaseCounts;
  /** Number of customers (users minus the admin): the pool of buyers and review authors. */
  customers: number;
  tree: FlatTree;
  /** The latest timestamp any row gets, in ms. */
  end: number;
  /** Orders are placed in [ordersFrom, end). */
  ordersFrom: number;
  /** Indexed by id - 1, ascending, like a real table's ids and creation times. */
  userCreated: Float64Array;
  productCreated: Float64Array;
  productPrice: Int32Array;
  productWeight: Int32Array;
  /** Index into tree.leaves. */
  productLeaf: Uint16Array;
  /** Index into the leaf's items. */
  productItem: Uint8Array;
  reviewCounts: Int32Array;
}

/** Element `index` of an array that must have it (noUncheckedIndexedAccess, checked once here). */
export function at<T>(items: ArrayLike<T>, index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new Error(`seed world: no ${what} at index ${index}`);
  return item;
}

export function leafOf(facts: Facts, productId: number): Leaf {
  return at(facts.tree.leaves, at(facts.productLeaf, productId - 1, 'product'), 'leaf');
}

export function itemOf(facts: Facts, productId: number): Item {
  const items = leafOf(facts, productId).vocab.items;
  return at(items, at(facts.productItem, productId - 1, 'product'), 'item');
}

/** Timestamp of item i (1-based) of n spread over [from, to): ascending in i, jittered. */
export function spread(rng: Rng, i: number, n: number, from: number, to: number): number {
  return from + Math.floor(((i - 1 + rng.float()) * (to - from)) / n);
}

/** How many entries of an ascending array, from index `start` on, are < t. */
export function countBefore(sorted: Float64Array, start: number, t: number): number {
  let lo = start;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(sorted, mid, 'time') < t) lo = mid + 1;
    else hi = mid;
  }
  return lo - start;
}

export function buildFacts(seed: number, counts: BaseCounts, until: Date): Facts {
  const tree = flattenCategoryTree();
  const end = until.getTime();
  const historyFrom = end - CATALOG_HISTORY_DAYS * DAY_MS;
  const historyTo = end - QUIET_DAYS_BEFORE_UNTIL * DAY_MS;
  const customers = counts.users - 1;

  const userCreated = new Float64Array(counts.users);
  userCreated[ADMIN_ID - 1] = historyFrom - DAY_MS; // the admin opened the shop
  for (let id = FIRST_CUSTOMER_ID; id <= counts.users; id++) {
    const rng = rngFor(seed, 'user-created', id);
    userCreated[id - 1] = spread(rng, id - 1, customers, historyFrom, historyTo);
  }

  const productCreated = new Float64Array(counts.products);
  const productPrice = new Int32Array(counts.products);
  const productWeight = new Int32Array(counts.products);
  const productLeaf = new Uint16Array(counts.products);
  const productItem = new Uint8Array(counts.products);
  for (let id = 1; id <= counts.products; id++) {
    const rng = rngFor(seed, 'product', id);
    const leafIndex = rng.int(0, tree.leaves.length - 1);
    const items = at(tree.leaves, leafIndex, 'leaf').vocab.items;
    const itemIndex = rng.int(0, items.length - 1);
    const { dollars, grams } = at(items, itemIndex, 'item');
    const u = rng.float();
    // u² skews towards the cheap end of the range, as real assortments do.
    const whole = Math.min(
      dollars[1],
      dollars[0] + Math.floor(u * u * (dollars[1] - dollars[0] + 1)),
    );
    productLeaf[id - 1] = leafIndex;
    productItem[id - 1] = itemIndex;
    productPrice[id - 1] = whole * 100 + rng.pick([99, 99, 99, 49, 0]);
    productWeight[id - 1] = rng.int(grams[0], grams[1]);
    productCreated[id - 1] = spread(rng, id, counts.products, historyFrom, historyTo);
  }

  const ordersFrom = Math.max(
    end - ORDER_HISTORY_DAYS * DAY_MS,
    at(productCreated, 3, 'product') + 1, // four products exist: an order has up to four lines
    at(userCreated, FIRST_CUSTOMER_ID - 1, 'user') + 1, // and a customer to place it
  );

  return {
    seed,
    counts,
    customers,
    tree,
    end,
    ordersFrom,
    userCreated,
    productCreated,
    productPrice,
    productWeight,
    productLeaf,
    productItem,
    reviewCounts: allocateReviews(seed, counts.reviews, counts.products, customers),
  };
}

/**
 * Splits `total` reviews over products: a few popular products get many, some get none. Each
 * product's count is capped at the number of customers, who must all be distinct authors.
 */
function allocateReviews(
  seed: number,
  total: number,
  products: number,
  customers: number,
): Int32Array {
  if (total > products * customers) {
    throw new RangeError(
      `${total} reviews cannot have distinct authors among ${customers} customers`,
    );
  }
  const weights = new Float64Array(products);
  let weightSum = 0;
  for (let i = 0; i < products; i++) {
    const u = rngFor(seed, 'popularity', i + 1).float();
    const weight = 0.1 + 9.9 * u * u * u;
    weights[i] = weight;
    weightSum += weight;
  }
  const counts = new Int32Array(products);
  let assigned = 0;
  for (let i = 0; i < products; i++) {
    const share = Math.min(customers, Math.floor((total * at(weights, i, 'weight')) / weightSum));
    counts[i] = share;
    assigned += share;
  }
  // Rounding down leaves a remainder; hand it out one at a time to products below the cap.
  for (let i = 0; assigned < total; i = (i + 1) % products) {
    const count = at(counts, i, 'count');
    if (count < customers) {
      counts[i] = count + 1;
      assigned++;
    }
  }
  return counts;
}

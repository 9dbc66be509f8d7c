/**
 * "The world": every row the seed writes, in all five subgraphs, generated deterministically
 * from a seed number and a scale factor.
 *
 * Memory stays flat at any scale. Only the facts other tables must agree with are held (see
 * facts.ts); every table is an iterator that regenerates its rows from per-entity random
 * streams (see rngFor), so writers stream them straight into COPY, in any order and
 * concurrently, and two passes over a table yield the same rows.
 */
import type { SeedCategory } from './category-tree';
import { buildFacts, type BaseCounts } from './facts';
import {
  generateHoldLines,
  generateHolds,
  tallyOrders,
  type SeedHold,
  type SeedHoldLine,
} from './holds';
import { generateOrders, type SeedOrder } from './orders';
import { generateProducts, generateStock, type SeedProduct, type SeedStock } from './products';
import { generateReviews, type SeedReview } from './reviews';
import { generateUsers, type SeedUser } from './users';

export type { SeedCategory } from './category-tree';
export type { SeedHold, SeedHoldLine, SeedHoldState } from './holds';
export type { SeedOrder, SeedOrderLine, SeedOrderStatus } from './orders';
export type { SeedProduct, SeedStock } from './products';
export type { SeedReview } from './reviews';
export type { SeedUser } from './users';

export const DEFAULT_SEED = 42;
export const DEFAULT_SCALE = 1;
/**
 * The seeded shop's "now": the latest timestamp any row gets. Fixed rather than Date.now() so
 * the same seed and scale give byte-identical data whenever they run.
 */
export const DEFAULT_UNTIL = new Date('2026-11-01T00:00:00.000Z');
/** Every amount in the seed is in this currency. */
export const CURRENCY = 'USD';

export interface WorldCounts extends BaseCounts {
  categories: number;
  stock: number;
  orderLines: number;
  /** One per order: HELD for a confirmed one, RELEASED otherwise. */
  holds: number;
  /** The confirmed orders' lines. */
  holdLines: number;
}

export interface WorldOptions {
  seed?: number;
  scale?: number;
  /** The latest timestamp generated; defaults to DEFAULT_UNTIL. */
  until?: Date;
}

export interface World {
  readonly seed: number;
  readonly scale: number;
  readonly until: Date;
  readonly counts: Readonly<WorldCounts>;
  /** Parents before children. */
  categories(): Iterable<SeedCategory>;
  /** The admin (id 1), then customers. */
  users(): Iterable<SeedUser>;
  products(): Iterable<SeedProduct>;
  /** One row per product; `reserved` is the sum of its HELD hold lines. */
  stock(): Iterable<SeedStock>;
  /** Orders with their lines, by id. None is PENDING: the shop is at rest. */
  orders(): Iterable<SeedOrder>;
  /** Inventory's hold for each order, by order id. */
  holds(): Iterable<SeedHold>;
  /** The lines of the HELD holds (the confirmed orders' lines), by order id. */
  holdLines(): Iterable<SeedHoldLine>;
  /** Reviews grouped by product, ids ascending. */
  reviews(): Iterable<SeedReview>;
}

/** Table sizes for a scale: linear in it, with floors that keep tiny scales meaningful. */
export function countsForScale(scale: number): BaseCounts {
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  }
  const counts = {
    products: Math.max(20, Math.round(400 * scale)),
    users: Math.max(20, Math.round(200 * scale)),
    orders: Math.round(300 * scale),
    reviews: Math.round(4000 * scale),
  };
  if (counts.reviews > 2_147_483_647) throw new RangeError(`scale ${scale} overflows int4 ids`);
  return counts;
}

export function createWorld(options: WorldOptions = {}): World {
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const scale = options.scale ?? DEFAULT_SCALE;
  const until = options.until ?? DEFAULT_UNTIL;
  const facts = buildFacts(seed, countsForScale(scale), until);

  // Progress totals need the numbers of order and hold lines up front, and stock what the
  // orders hold per product: one pass, as orders are cheap to regenerate.
  const tally = tallyOrders(facts);

  return {
    seed,
    scale,
    until,
    counts: {
      ...facts.counts,
      categories: facts.tree.categories.length,
      stock: facts.counts.products,
      orderLines: tally.orderLines,
      holds: tally.holds,
      holdLines: tally.holdLines,
    },
    categories: () => facts.tree.categories,
    users: () => generateUsers(facts),
    products: () => generateProducts(facts),
    stock: () => generateStock(facts, tally),
    orders: () => generateOrders(facts),
    holds: () => generateHolds(facts),
    holdLines: () => generateHoldLines(facts),
    reviews: () => generateReviews(facts),
  };
}

import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgSchema,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const reviewsSchema = pgSchema('reviews');

export const reviews = reviewsSchema.table(
  'reviews',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** catalog.products id; no foreign key crosses subgraphs. */
    productId: integer('product_id').notNull(),
    /** accounts.users id. */
    authorId: integer('author_id').notNull(),
    rating: smallint('rating').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // Ascending indexes serve descending orders too (scanned backward); drizzle's .desc() would
  // write DESC NULLS LAST, which does not match ORDER BY … DESC (NULLS FIRST) and goes unused.
  (t) => [
    // One review per user and product.
    uniqueIndex('reviews_product_author_key').on(t.productId, t.authorId),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
    index('reviews_product_newest_idx').on(t.productId, t.createdAt, t.id),
    index('reviews_author_newest_idx').on(t.authorId, t.createdAt, t.id),
  ],
);

export type ReviewRow = typeof reviews.$inferSelect;
export const tables = { reviews };

import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  char,
} from 'drizzle-orm/pg-core';

export const catalog = pgSchema('catalog');

export const categories = catalog.table(
  'categories',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => categories.id),
  },
  // Ascending indexes serve descending orders too (scanned backward); drizzle's .desc() would
  // write DESC NULLS LAST, which does not match ORDER BY … DESC (NULLS FIRST) and goes unused.
  (t) => [
    uniqueIndex('categories_slug_key').on(t.slug),
    index('categories_parent_idx').on(t.parentId),
  ],
);

export const products = catalog.table(
  'products',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    /** Minor units (cents); never a float. */
    priceAmount: integer('price_amount').notNull(),
    currency: char('currency', { length: 3 }).notNull().default('USD'),
    weightGrams: integer('weight_grams').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id),
    // Millisecond precision so a JavaScript Date round-trips exactly through keyset cursors.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('products_sku_key').on(t.sku),
    check('products_price_positive', sql`${t.priceAmount} > 0`),
    check('products_weight_positive', sql`${t.weightGrams} > 0`),
    // One index per ProductOrder, and the same led by category for filtered listings.
    index('products_newest_idx').on(t.createdAt, t.id),
    index('products_price_idx').on(t.priceAmount, t.id),
    index('products_name_idx').on(t.name, t.id),
    index('products_category_newest_idx').on(t.categoryId, t.createdAt, t.id),
    index('products_category_price_idx').on(t.categoryId, t.priceAmount, t.id),
    index('products_category_name_idx').on(t.categoryId, t.name, t.id),
    // Substring search on name or description (ProductFilter.search) via trigrams; a bitmap OR
    // of the two serves `name ilike … or description ilike …`.
    index('products_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('products_description_trgm_idx').using('gin', sql`${t.description} gin_trgm_ops`),
  ],
);

export type CategoryRow = typeof categories.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export const tables = { categories, products };

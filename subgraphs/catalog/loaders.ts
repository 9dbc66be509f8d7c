import { byKey, groupByKey, LoaderFamily, namedLoader, type BatchObserver } from '../../lib/batch';
import type { Page } from '../../lib/pagination';
import { categoriesByIds, categoriesBySlugs, childrenOf } from './db/categories';
import {
  countProductsInCategories,
  productsByIds,
  productsBySkus,
  productsInCategories,
  type CatalogDb,
  type RankedProductRow,
} from './db/products';
import type { CategoryRow, ProductRow } from './db/schema';

/** Per-request loaders: every lookup below issues one statement per batch of keys. */
export function createLoaders(db: CatalogDb, observe: BatchObserver) {
  return {
    productById: namedLoader<number, ProductRow | null>(observe, 'productById', async (ids) =>
      byKey(ids, await productsByIds(db, ids), (p) => p.id),
    ),
    productBySku: namedLoader<string, ProductRow | null>(observe, 'productBySku', async (skus) =>
      byKey(skus, await productsBySkus(db, skus), (p) => p.sku),
    ),
    categoryById: namedLoader<number, CategoryRow | null>(observe, 'categoryById', async (ids) =>
      byKey(ids, await categoriesByIds(db, ids), (c) => c.id),
    ),
    categoryBySlug: namedLoader<string, CategoryRow | null>(
      observe,
      'categoryBySlug',
      async (slugs) => byKey(slugs, await categoriesBySlugs(db, slugs), (c) => c.slug),
    ),
    childrenOf: namedLoader<number, CategoryRow[]>(observe, 'childrenOf', async (ids) =>
      groupByKey(ids, await childrenOf(db, ids), (c) => c.parentId ?? 0),
    ),
    /** Category.products: newest first, one loader per distinct page request. */
    productsInCategory: new LoaderFamily<Page, number, RankedProductRow[]>(
      observe,
      'productsInCategory',
      async (page, ids) =>
        groupByKey(ids, await productsInCategories(db, { categoryIds: ids, page }), (p) => p.root),
    ),
    productCountInCategory: namedLoader<number, number>(
      observe,
      'productCountInCategory',
      async (ids) =>
        byKey(ids, await countProductsInCategories(db, ids), (r) => r.root).map((r) => r?.n ?? 0),
    ),
  };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;

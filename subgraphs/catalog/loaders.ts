import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderFamily } from '../../lib/batch';
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
export function createLoaders(db: CatalogDb) {
  return {
    productById: new DataLoader<number, ProductRow | null>(async (ids) =>
      byKey(ids, await productsByIds(db, ids), (p) => p.id),
    ),
    productBySku: new DataLoader<string, ProductRow | null>(async (skus) =>
      byKey(skus, await productsBySkus(db, skus), (p) => p.sku),
    ),
    categoryById: new DataLoader<number, CategoryRow | null>(async (ids) =>
      byKey(ids, await categoriesByIds(db, ids), (c) => c.id),
    ),
    categoryBySlug: new DataLoader<string, CategoryRow | null>(async (slugs) =>
      byKey(slugs, await categoriesBySlugs(db, slugs), (c) => c.slug),
    ),
    childrenOf: new DataLoader<number, CategoryRow[]>(async (ids) =>
      groupByKey(ids, await childrenOf(db, ids), (c) => c.parentId ?? 0),
    ),
    /** Category.products: newest first, one loader per distinct page request. */
    productsInCategory: new LoaderFamily<Page, number, RankedProductRow[]>(async (page, ids) =>
      groupByKey(ids, await productsInCategories(db, { categoryIds: ids, page }), (p) => p.root),
    ),
    productCountInCategory: new DataLoader<number, number>(async (ids) =>
      byKey(ids, await countProductsInCategories(db, ids), (r) => r.root).map((r) => r?.n ?? 0),
    ),
  };
}

export type CatalogLoaders = ReturnType<typeof createLoaders>;

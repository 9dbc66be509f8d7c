import { asc, isNull } from 'drizzle-orm';
import { anyInt, anyIntKeys, anyText, builtOnce, keys } from '../../../lib/sql';
import { categories, type CategoryRow } from './schema';
import type { CatalogDb } from './products';
import { statement } from '../../../lib/statements';

export const listCategories = statement(
  'listCategories',
  async function listCategories(db: CatalogDb, rootsOnly: boolean): Promise<CategoryRow[]> {
    return await db
      .select()
      .from(categories)
      .where(rootsOnly ? isNull(categories.parentId) : undefined)
      .orderBy(asc(categories.name), asc(categories.id));
  },
);

const categoriesByIdsQuery = builtOnce((db: CatalogDb) =>
  db.select().from(categories).where(anyIntKeys(categories.id)).prepare('categoriesByIds'),
);

export const categoriesByIds = statement(
  'categoriesByIds',
  async function categoriesByIds(db: CatalogDb, ids: readonly number[]): Promise<CategoryRow[]> {
    return await categoriesByIdsQuery(db).execute(keys(ids));
  },
);

export const categoriesBySlugs = statement(
  'categoriesBySlugs',
  async function categoriesBySlugs(
    db: CatalogDb,
    slugs: readonly string[],
  ): Promise<CategoryRow[]> {
    return await db.select().from(categories).where(anyText(categories.slug, slugs));
  },
);

/** Children of several categories in one statement, ordered by name within each parent. */
export const childrenOf = statement(
  'childrenOf',
  async function childrenOf(db: CatalogDb, parentIds: readonly number[]): Promise<CategoryRow[]> {
    return await db
      .select()
      .from(categories)
      .where(anyInt(categories.parentId, parentIds))
      .orderBy(asc(categories.name), asc(categories.id));
  },
);

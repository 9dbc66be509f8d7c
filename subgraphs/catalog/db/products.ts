import { and, count, eq, gte, ilike, lte, or, sql, type SQL } from 'drizzle-orm';
import { anyInt, anyIntKeys, anyTextKeys, builtOnce, keys, textKeys } from '../../../lib/sql';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { parseId } from '../../../lib/batch';
import { badUserInput } from '../../../lib/errors';
import { afterCondition, orderByOf, type KeysetOrder } from '../../../lib/keyset';
import type { Page } from '../../../lib/pagination';
import { categories, products, type ProductRow, type tables } from './schema';
import { statement } from '../../../lib/statements';

export type CatalogDb = PostgresJsDatabase<typeof tables>;

export type ProductOrderName = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME';

const order = (
  name: ProductOrderName,
  columns: KeysetOrder<ProductRow>['columns'],
  direction: 'asc' | 'desc',
  shape: KeysetOrder<ProductRow>['shape'],
  key: KeysetOrder<ProductRow>['key'],
): KeysetOrder<ProductRow> => ({ kind: `products:${name}`, columns, direction, shape, key });

export const productOrders: Record<ProductOrderName, KeysetOrder<ProductRow>> = {
  NEWEST: order(
    'NEWEST',
    [products.createdAt, products.id],
    'desc',
    ['timestamp', 'number'],
    (p) => [p.createdAt.toISOString(), p.id],
  ),
  PRICE_ASC: order(
    'PRICE_ASC',
    [products.priceAmount, products.id],
    'asc',
    ['number', 'number'],
    (p) => [p.priceAmount, p.id],
  ),
  PRICE_DESC: order(
    'PRICE_DESC',
    [products.priceAmount, products.id],
    'desc',
    ['number', 'number'],
    (p) => [p.priceAmount, p.id],
  ),
  NAME: order('NAME', [products.name, products.id], 'asc', ['string', 'number'], (p) => [
    p.name,
    p.id,
  ]),
};

export interface ProductFilterInput {
  categoryId?: string | null;
  search?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
}

/** Ids of a category and every category below it, as a subquery (the tree is walked in SQL). */
function categoryAndDescendants(categoryId: number): SQL {
  return sql`(with recursive tree(id) as (
    select ${categories.id} from ${categories} where ${categories.id} = ${categoryId}
    union all
    select c.id from ${categories} c join tree on c.parent_id = tree.id
  ) select id from tree)`;
}

/** Escapes LIKE wildcards so a search for `50%` means the characters, not a pattern. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Validates a ProductFilter and turns it into one WHERE condition. */
export function productFilter(filter: ProductFilterInput | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  const conditions: (SQL | undefined)[] = [];
  if (filter.categoryId !== null && filter.categoryId !== undefined) {
    const id = parseId(filter.categoryId);
    conditions.push(
      id === null ? sql`false` : sql`${products.categoryId} in ${categoryAndDescendants(id)}`,
    );
  }
  if (filter.search !== null && filter.search !== undefined) {
    const text = filter.search.trim();
    if (text.length < 1 || text.length > 100 || text.includes('\u0000')) {
      throw badUserInput('`filter.search` must be 1 to 100 characters of text', 'filter');
    }
    // Each column on its own, so a match never spans the end of the name and the description.
    // The matches are found first, through the two trigram indexes (OFFSET 0 keeps PostgreSQL
    // from folding the subquery in): otherwise a LIMIT tempts it to walk an order's index and
    // test ILIKE on every row, which costs a full scan whenever matches are rare.
    const pattern = likePattern(text);
    const matches = sql`(select ${products.id} from ${products} where ${or(
      ilike(products.name, pattern),
      ilike(products.description, pattern),
    )} offset 0)`;
    conditions.push(sql`${products.id} in ${matches}`);
  }
  for (const [bound, value] of [
    ['minPrice', filter.minPrice],
    ['maxPrice', filter.maxPrice],
  ] as const) {
    if (value !== null && value !== undefined && value < 0) {
      throw badUserInput(`\`filter.${bound}\` may not be negative`, 'filter');
    }
  }
  if (filter.minPrice != null && filter.maxPrice != null && filter.minPrice > filter.maxPrice) {
    throw badUserInput('`filter.minPrice` may not exceed `filter.maxPrice`', 'filter');
  }
  if (filter.minPrice != null) conditions.push(gte(products.priceAmount, filter.minPrice));
  if (filter.maxPrice != null) conditions.push(lte(products.priceAmount, filter.maxPrice));
  return and(...conditions);
}

/** One page of a product listing: LIMIT first + 1 rows after the cursor, in the chosen order. */
export const listProducts = statement(
  'listProducts',
  async function listProducts(
    db: CatalogDb,
    params: { where: SQL | undefined; order: KeysetOrder<ProductRow>; page: Page },
  ): Promise<ProductRow[]> {
    return await db
      .select()
      .from(products)
      .where(and(params.where, afterCondition(params.order, params.page)))
      .orderBy(...orderByOf(params.order))
      .limit(params.page.first + 1);
  },
);

export const countProducts = statement(
  'countProducts',
  async function countProducts(db: CatalogDb, where: SQL | undefined): Promise<number> {
    const [row] = await db.select({ n: count() }).from(products).where(where);
    return row?.n ?? 0;
  },
);

const productsByIdsQuery = builtOnce((db: CatalogDb) =>
  db.select().from(products).where(anyIntKeys(products.id)).prepare('productsByIds'),
);

export const productsByIds = statement(
  'productsByIds',
  async function productsByIds(db: CatalogDb, ids: readonly number[]): Promise<ProductRow[]> {
    return await productsByIdsQuery(db).execute(keys(ids));
  },
);

const productsBySkusQuery = builtOnce((db: CatalogDb) =>
  db.select().from(products).where(anyTextKeys(products.sku)).prepare('productsBySkus'),
);

export const productsBySkus = statement(
  'productsBySkus',
  async function productsBySkus(db: CatalogDb, skus: readonly string[]): Promise<ProductRow[]> {
    return await productsBySkusQuery(db).execute(textKeys(skus));
  },
);

/**
 * A CTE of (root, id): each requested category paired with itself and every category below it.
 * drizzle writes plain `with`, so the recursive walk is nested inside the CTE's body.
 */
function categoryTrees(db: CatalogDb, roots: readonly number[]) {
  return db
    .$with('tree', {
      root: sql<number>`tree_root`.as('tree_root'),
      id: sql<number>`tree_category`.as('tree_category'),
    })
    .as(
      sql`with recursive t(tree_root, tree_category) as (
        select id, id from ${categories} where ${anyInt(categories.id, roots)}
        union all
        select t.tree_root, c.id from ${categories} c join t on c.parent_id = t.tree_category
      ) select tree_root, tree_category from t`,
    );
}

export type RankedProductRow = ProductRow & { root: number };

/**
 * The newest products of each of several categories (each including its subcategories), in
 * ONE statement. For every (requested category, category in its tree) pair the top rows come
 * straight from the (category_id, created_at, id) index through a LATERAL join; only those few
 * rows are then ranked within each requested category — never the whole product table.
 */
export const productsInCategories = statement(
  'productsInCategories',
  async function productsInCategories(
    db: CatalogDb,
    params: { categoryIds: readonly number[]; page: Page },
  ): Promise<RankedProductRow[]> {
    const order = productOrders.NEWEST;
    const limit = params.page.first + 1;
    const tree = categoryTrees(db, params.categoryIds);
    const perCategory = db
      .select()
      .from(products)
      .where(and(eq(products.categoryId, tree.id), afterCondition(order, params.page)))
      .orderBy(...orderByOf(order))
      .limit(limit)
      .as('per_category');
    const ranked = db
      .select({
        ...perCategory._.selectedFields,
        root: tree.root,
        rank: sql<number>`row_number() over (partition by ${tree.root} order by ${perCategory.createdAt} desc, ${perCategory.id} desc)`.as(
          'rank',
        ),
      })
      .from(tree)
      .crossJoinLateral(perCategory)
      .as('ranked');
    const { rank: _rank, ...columns } = ranked._.selectedFields;
    return await db
      .with(tree)
      .select(columns)
      .from(ranked)
      .where(lte(ranked.rank, limit))
      .orderBy(ranked.root, ranked.rank);
  },
);

/**
 * How many products each category holds, its subcategories included: counted per single
 * category first (an index-only scan of the category index), then summed per requested category.
 */
export const countProductsInCategories = statement(
  'countProductsInCategories',
  async function countProductsInCategories(
    db: CatalogDb,
    categoryIds: readonly number[],
  ): Promise<{ root: number; n: number }[]> {
    const tree = categoryTrees(db, categoryIds);
    const perCategory = db
      .select({ categoryId: products.categoryId, n: count().as('n') })
      .from(products)
      .where(sql`${products.categoryId} in (select ${tree.id} from ${tree})`)
      .groupBy(products.categoryId)
      .as('per_category');
    return await db
      .with(tree)
      .select({ root: tree.root, n: sql<number>`sum(${perCategory.n})::int`.mapWith(Number) })
      .from(tree)
      .innerJoin(perCategory, eq(perCategory.categoryId, tree.id))
      .groupBy(tree.root);
  },
);

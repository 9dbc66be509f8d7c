import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDatabaseUrl } from './support/database';
import { errorCodes, gql, type GraphQLBody } from './support/graphql';
import { startStack, type Stack } from './support/stack';

/**
 * ProductFilter (DESIGN.md §2, catalog schema): every condition narrows the listing, they AND
 * together, totalCount follows the filter and every ProductOrder still holds. Expectations come
 * from SQL written independently of the catalog's (literal substring search with strpos rather
 * than ILIKE patterns, the category subtree with a recursive CTE).
 */
let stack: Stack;
let sql: postgres.Sql;
const databaseUrl = fileDatabaseUrl();

interface ProductRow {
  id: number;
  name: string;
  description: string;
  price_amount: number;
  category_id: number;
  created_at: Date;
}

/** Every product, read once: the filters below are computed in JS from these rows and in SQL. */
let products: ProductRow[];

beforeAll(async () => {
  sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  stack = await startStack(databaseUrl);
  products = await sql<ProductRow[]>`
    select id, name, description, price_amount, category_id, created_at from catalog.products`;
});

afterAll(async () => {
  await stack?.stop();
  await sql?.end();
});

async function productCount(): Promise<number> {
  const rows = await sql<{ n: number }[]>`select count(*)::int as n from catalog.products`;
  return rows[0]!.n;
}

type ProductOrder = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME';
const orderSql: Record<ProductOrder, string> = {
  NEWEST: 'created_at desc, id desc',
  PRICE_ASC: 'price_amount asc, id asc',
  PRICE_DESC: 'price_amount desc, id desc',
  NAME: 'name asc, id asc',
};

interface Filter {
  categoryId?: string;
  search?: string;
  minPrice?: number;
  maxPrice?: number;
}

interface Listing {
  ids: number[];
  totalCount: number;
}

const LIST = `query ($first: Int, $after: String, $filter: ProductFilter, $orderBy: ProductOrder) {
  products(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { node { id } } pageInfo { hasNextPage endCursor } totalCount } }`;

/** The whole filtered listing through the router, page by page; fails on any error. */
async function list(
  filter: Filter,
  orderBy: ProductOrder = 'NEWEST',
  first = 100,
): Promise<Listing> {
  const ids: number[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const { body } = await gql(stack.routerUrl, LIST, { first, after, filter, orderBy });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const page = (
      body.data as {
        products: {
          edges: { node: { id: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          totalCount: number;
        };
      }
    ).products;
    ids.push(...page.edges.map((e) => Number(e.node.id)));
    totals.add(page.totalCount);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(totals.size).toBe(1);
  return { ids, totalCount: [...totals][0]! };
}

async function errorsOf(filter: Filter): Promise<GraphQLBody> {
  return (await gql(stack.routerUrl, LIST, { first: 10, filter })).body;
}

/** Ids of `where` in `orderBy`, from SQL. */
async function expectedIds(where: string, params: unknown[], orderBy: ProductOrder = 'NEWEST') {
  const rows = await sql.unsafe<{ id: number }[]>(
    `select id from catalog.products where ${where} order by ${orderSql[orderBy]}`,
    params as postgres.ParameterOrJSON<never>[],
  );
  return rows.map((r) => r.id);
}

/** The category and every category below it, from SQL. */
async function subtree(categoryId: number): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    with recursive tree(id) as (
      select id from catalog.categories where id = ${categoryId}
      union all
      select c.id from catalog.categories c join tree on c.parent_id = tree.id)
    select id from tree`;
  return rows.map((r) => r.id);
}

/** Case-insensitive literal substring of name or description (no pattern characters at all). */
const SEARCH_SQL =
  'strpos(lower(name), lower($1)) > 0 or strpos(lower(description), lower($1)) > 0';

const swapCase = (text: string) =>
  [...text].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

describe('filter.categoryId', () => {
  it('of a root category: the products of its whole subtree', async () => {
    const roots = await sql<{ id: number; children: number }[]>`
      select r.id, (select count(*)::int from catalog.categories c where c.parent_id = r.id) as children
      from catalog.categories r where r.parent_id is null order by r.id`;
    expect(roots.length).toBeGreaterThan(1);
    for (const root of roots) {
      const tree = await subtree(root.id);
      expect(tree.length).toBeGreaterThan(1);
      const expected = await expectedIds('category_id = any($1::int[])', [tree]);
      // The root's own category has no products in the seed; the subtree is what counts.
      expect(expected.length).toBeGreaterThan(0);
      const listing = await list({ categoryId: String(root.id) });
      expect(listing.ids, `root ${root.id}`).toEqual(expected);
      expect(listing.totalCount).toBe(expected.length);
    }
  });

  it('of a middle category (neither root nor leaf): its own subtree only', async () => {
    const [middle] = await sql<{ id: number }[]>`
      select c.id from catalog.categories c
      where c.parent_id is not null
        and exists (select 1 from catalog.categories k where k.parent_id = c.id)
      order by c.id limit 1`;
    // The seeded tree is two to three levels deep, so some category sits in the middle.
    expect(middle).toBeDefined();
    const expected = await expectedIds('category_id = any($1::int[])', [await subtree(middle!.id)]);
    const listing = await list({ categoryId: String(middle!.id) });
    expect(listing.ids).toEqual(expected);
    expect(listing.totalCount).toBe(expected.length);
  });

  it('of a leaf category: only its own products', async () => {
    const leaves = await sql<{ id: number; n: number }[]>`
      select c.id, count(p.id)::int as n from catalog.categories c
      join catalog.products p on p.category_id = c.id
      where not exists (select 1 from catalog.categories k where k.parent_id = c.id)
      group by c.id order by n desc, c.id limit 3`;
    expect(leaves.length).toBeGreaterThan(0);
    for (const leaf of leaves) {
      const expected = await expectedIds('category_id = $1', [leaf.id]);
      expect(expected).toHaveLength(leaf.n);
      const listing = await list({ categoryId: String(leaf.id) });
      expect(listing.ids).toEqual(expected);
      expect(listing.totalCount).toBe(leaf.n);
    }
  });

  it('unknown or malformed ids: an empty listing, not an error', async () => {
    const [top] = await sql<{ max: number }[]>`select max(id)::int as max from catalog.categories`;
    for (const categoryId of [String(top!.max + 1000), '0', '-1', 'abc', '1.5', '99999999999']) {
      expect(await list({ categoryId }), categoryId).toEqual({ ids: [], totalCount: 0 });
    }
  });
});

describe('filter.search', () => {
  async function expectSearch(search: string, orderBy: ProductOrder = 'NEWEST') {
    const expected = await expectedIds(SEARCH_SQL, [search], orderBy);
    const listing = await list({ search }, orderBy);
    expect(listing.ids, `search ${JSON.stringify(search)}`).toEqual(expected);
    expect(listing.totalCount).toBe(expected.length);
    return expected;
  }

  it('a word of a name, in any letter case, finds the products containing it', async () => {
    const word = products
      .map((p) => p.name.split(' ').at(-1)!)
      .find((w) => w.length >= 4 && products.filter((p) => p.name.includes(w)).length > 1)!;
    expect(word).toBeDefined();
    const lower = await expectSearch(word.toLowerCase());
    expect(lower.length).toBeGreaterThan(1);
    expect(await expectSearch(word.toUpperCase())).toEqual(lower);
    expect(await expectSearch(swapCase(word))).toEqual(lower);
  });

  it('a substring in the middle of a word matches', async () => {
    const name = products[0]!.name;
    const fragment = name.slice(1, 5);
    expect((await expectSearch(fragment)).length).toBeGreaterThan(0);
  });

  it('a word that appears only in descriptions finds those products', async () => {
    const names = products.map((p) => p.name.toLowerCase());
    const word = products
      .flatMap((p) => p.description.split(/[^A-Za-z]+/))
      .find((w) => w.length >= 6 && !names.some((n) => n.includes(w.toLowerCase())));
    expect(word).toBeDefined();
    const found = await expectSearch(word!);
    expect(found.length).toBeGreaterThan(0);
  });

  it('matches within name or within description, never across the two', async () => {
    // The end of a name followed by the start of its description is in neither field.
    const lower = products.map((p) => [p.name.toLowerCase(), p.description.toLowerCase()]);
    const product = products.find((p) => {
      const probe = `${p.name.slice(-3)} ${p.description.slice(0, 3)}`.toLowerCase();
      return !lower.some(([n, d]) => n!.includes(probe) || d!.includes(probe));
    });
    expect(product).toBeDefined();
    const probe = `${product!.name.slice(-3)} ${product!.description.slice(0, 3)}`;
    expect(await expectSearch(probe)).toEqual([]);
  });

  it.each(['%', '_', '%%', '100%', 'a_b', '\\', '\\%', '[a-z]', '.*'])(
    '%j is matched literally, not as a pattern',
    async (search) => {
      const expected = await expectSearch(search);
      // None of these characters occur in the seeded text; a wildcard would match everything.
      expect(expected.length).toBeLessThan(products.length);
    },
  );

  it('a wildcard between two real fragments does not join them', async () => {
    const name = products[0]!.name;
    await expectSearch(`${name.slice(0, 3)}%${name.slice(-3)}`);
    await expectSearch(`${name.slice(0, 3)}_${name.slice(4, 7)}`);
  });

  it('100 characters are allowed, 101 and more are BAD_USER_INPUT', async () => {
    await expectSearch('x'.repeat(100));
    for (const search of ['x'.repeat(101), 'y'.repeat(5000)]) {
      const body = await errorsOf({ search });
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.data?.products ?? null).toBeNull();
    }
  });

  it('an empty search is BAD_USER_INPUT', async () => {
    const body = await errorsOf({ search: '' });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.data?.products ?? null).toBeNull();
  });
});

describe('filter.minPrice / filter.maxPrice', () => {
  /** Two prices that several products have, the lower one below the higher. */
  function pricesWithTies(): [number, number] {
    const counts = new Map<number, number>();
    for (const p of products) counts.set(p.price_amount, (counts.get(p.price_amount) ?? 0) + 1);
    const tied = [...counts].filter(([, n]) => n > 1).map(([price]) => price);
    tied.sort((a, b) => a - b);
    expect(tied.length).toBeGreaterThan(3);
    return [tied[Math.floor(tied.length / 4)]!, tied[Math.floor((tied.length * 3) / 4)]!];
  }

  it('both bounds are inclusive', async () => {
    const [low, high] = pricesWithTies();
    const expected = await expectedIds('price_amount between $1 and $2', [low, high]);
    const listing = await list({ minPrice: low, maxPrice: high });
    expect(listing.ids).toEqual(expected);
    expect(listing.totalCount).toBe(expected.length);
    const prices = new Map(products.map((p) => [p.id, p.price_amount]));
    const seen = listing.ids.map((id) => prices.get(id));
    expect(seen).toContain(low);
    expect(seen).toContain(high);
  });

  it('minPrice alone, maxPrice alone, and min = max', async () => {
    const [low, high] = pricesWithTies();
    const min = await list({ minPrice: high });
    expect(min.ids).toEqual(await expectedIds('price_amount >= $1', [high]));
    const max = await list({ maxPrice: low });
    expect(max.ids).toEqual(await expectedIds('price_amount <= $1', [low]));
    const exact = await list({ minPrice: low, maxPrice: low });
    const expected = await expectedIds('price_amount = $1', [low]);
    expect(expected.length).toBeGreaterThan(1);
    expect(exact).toEqual({ ids: expected, totalCount: expected.length });
  });

  it('0 is a valid bound; bounds outside every price give an empty listing', async () => {
    expect((await list({ minPrice: 0 })).totalCount).toBe(products.length);
    expect(await list({ maxPrice: 0 })).toEqual({ ids: [], totalCount: 0 });
    const top = Math.max(...products.map((p) => p.price_amount));
    expect(await list({ minPrice: top + 1 })).toEqual({ ids: [], totalCount: 0 });
  });

  it.each([{ minPrice: -1 }, { maxPrice: -1 }, { minPrice: -5, maxPrice: 100 }])(
    'a negative bound %j is BAD_USER_INPUT',
    async (filter) => {
      const body = await errorsOf(filter);
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.data?.products ?? null).toBeNull();
    },
  );

  it('minPrice above maxPrice is BAD_USER_INPUT', async () => {
    const body = await errorsOf({ minPrice: 2000, maxPrice: 1999 });
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.data?.products ?? null).toBeNull();
  });
});

describe('combined filters and orders', () => {
  /** A root category, a search word found in it and a price band: all three narrow. */
  async function combined() {
    const [root] = await sql<{ id: number }[]>`
      select id from catalog.categories where parent_id is null order by id limit 1`;
    const tree = await subtree(root!.id);
    const inTree = products.filter((p) => tree.includes(p.category_id));
    const word = inTree[0]!.name.split(' ').at(-1)!.slice(0, 4);
    const prices = inTree.map((p) => p.price_amount).sort((a, b) => a - b);
    const filter = {
      categoryId: String(root!.id),
      search: word.toUpperCase(),
      minPrice: prices[Math.floor(prices.length / 5)]!,
      maxPrice: prices[Math.floor((prices.length * 4) / 5)]!,
    };
    const where = `category_id = any($1::int[]) and (${SEARCH_SQL.replaceAll('$1', '$2')})
      and price_amount >= $3 and price_amount <= $4`;
    const params = [tree, filter.search, filter.minPrice, filter.maxPrice];
    return { filter, where, params, tree };
  }

  it('every condition must hold (AND), and totalCount follows', async () => {
    const { filter, where, params, tree } = await combined();
    const expected = await expectedIds(where, params);
    const listing = await list(filter);
    expect(listing.ids).toEqual(expected);
    expect(listing.totalCount).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    // Each condition alone lets through more than all of them together.
    const byCategory = await expectedIds('category_id = any($1::int[])', [tree]);
    const bySearch = await expectedIds(SEARCH_SQL, [filter.search]);
    expect(byCategory.length).toBeGreaterThan(expected.length);
    expect(bySearch.length).toBeGreaterThanOrEqual(expected.length);
  });

  it.each(['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'NAME'] as const)(
    'orderBy %s over a filtered listing, walked in small pages, is in SQL order',
    async (orderBy) => {
      const { tree } = await combined();
      const prices = products.map((p) => p.price_amount).sort((a, b) => a - b);
      const [low, high] = [
        prices[Math.floor(prices.length / 4)]!,
        prices[Math.floor(prices.length / 2)]!,
      ];
      const filter = { minPrice: low, maxPrice: high };
      const expected = await expectedIds('price_amount between $1 and $2', [low, high], orderBy);
      expect(await list(filter, orderBy, 37)).toEqual({
        ids: expected,
        totalCount: expected.length,
      });
      const [root] = await sql<{ id: number }[]>`
        select id from catalog.categories where parent_id is null order by id limit 1`;
      const inCategory = await expectedIds('category_id = any($1::int[])', [tree], orderBy);
      expect(await list({ categoryId: String(root!.id) }, orderBy, 7)).toEqual({
        ids: inCategory,
        totalCount: inCategory.length,
      });
    },
  );
});

describe('hostile strings', () => {
  const injections = [
    "' OR 1=1 --",
    "' OR '1'='1",
    "%' OR '1'='1' --",
    "'; DROP TABLE catalog.products; --",
    '1; SELECT pg_sleep(5)',
    "') UNION SELECT id, sku FROM catalog.products --",
    '$1',
    '"}',
    '{1,2,3}',
  ];

  it.each(injections)('search %j finds only literal matches, without errors', async (search) => {
    const expected = await expectedIds(SEARCH_SQL, [search]);
    expect(await list({ search })).toEqual({ ids: expected, totalCount: expected.length });
  });

  it('ids and keys that look like SQL find nothing, without errors', async () => {
    const probes = [...injections, '1 OR 1=1', '1)', "1'", '1--'];
    for (const probe of probes) {
      const { body } = await gql(
        stack.routerUrl,
        `query ($v: String!, $id: ID!) {
          bySku: product(sku: $v) { id } byId: product(id: $id) { id }
          category(slug: $v) { id } categoryById: category(id: $id) { id }
          user(id: $id) { id } order(id: $id) { id } review(id: $id) { id }
          products(filter: { categoryId: $id }) { totalCount } }`,
        { v: probe, id: probe },
        // As an admin: orders are private, and this probes lookups, not permissions.
        await stack.authAs(1, ['ADMIN']),
      );
      expect(body.errors, `${probe}: ${JSON.stringify(body.errors)}`).toBeUndefined();
      expect(body.data, probe).toEqual({
        bySku: null,
        byId: null,
        category: null,
        categoryById: null,
        user: null,
        order: null,
        review: null,
        products: { totalCount: 0 },
      });
    }
  });

  it('a SKU list cannot be widened through array-literal quoting', async () => {
    const [real] = await sql<
      { sku: string }[]
    >`select sku from catalog.products order by id limit 1`;
    const sku = real!.sku;
    for (const probe of [`nope","${sku}`, `${sku}"}`, `{${sku}}`, `${sku}\\`, `${sku},x`]) {
      const { body } = await gql(
        stack.routerUrl,
        `query ($sku: String!) { product(sku: $sku) { id } }`,
        {
          sku: probe,
        },
      );
      expect(body.errors, probe).toBeUndefined();
      expect(body.data, probe).toEqual({ product: null });
    }
    // The real SKU still works.
    const { body } = await gql(
      stack.routerUrl,
      `query ($sku: String!) { product(sku: $sku) { sku } }`,
      {
        sku,
      },
    );
    expect(body.data).toEqual({ product: { sku } });
  });

  it('a NUL character in product(sku:) / category(slug:) is no match (null), never a server error', async () => {
    const { body } = await gql(
      stack.routerUrl,
      `query ($v: String!) { product(sku: $v) { id } category(slug: $v) { id } }`,
      { v: 'ELE\u0000' },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data).toEqual({ product: null, category: null });
  });

  it('a NUL character in filter.search is BAD_USER_INPUT or no match, never a server error', async () => {
    const body = await errorsOf({ search: 'a\u0000b' });
    const codes = errorCodes(body);
    if (codes.length > 0) expect(codes).toEqual(['BAD_USER_INPUT']);
    else expect(body.data).toMatchObject({ products: { totalCount: 0 } });
  });

  it('the tables are all still there', async () => {
    const n = await productCount();
    expect(n).toBe(products.length);
  });
});

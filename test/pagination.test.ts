import { describe, expect, it } from 'vitest';
import { useSupergraph } from './support/supergraph';
import { errorCodes, dataOf, gql, type GraphQLBody } from './support/graphql';

/**
 * DESIGN.md §2: lists are Relay connections with keyset cursors. Every list of the contract is
 * walked from its first page to its last and compared, id for id, with the same ORDER BY in SQL
 * (id breaking ties); the limits of `first` and the validation of `after` come after.
 */
const supergraph = useSupergraph();

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

const PAGE = `edges { cursor node { id } } nodes { id }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount`;

async function productCount(): Promise<number> {
  const rows = await supergraph.sql<
    { n: number }[]
  >`select count(*)::int as n from catalog.products`;
  return rows[0]!.n;
}

/** Runs an operation through the router as the seeded admin; fails on any error. */
const data = <T>(query: string, variables: Record<string, unknown> = {}) =>
  dataOf<T>(supergraph.stack.routerUrl, query, variables, supergraph.admin);

async function body(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody> {
  return (await gql(supergraph.stack.routerUrl, query, variables, supergraph.admin)).body;
}

/** Follows endCursor from the first page until hasNextPage is false. */
async function walk(fetchPage: (after: string | null) => Promise<Page>): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    pages.push(page);
    if (!page.pageInfo.hasNextPage) return pages;
    expect(pages.length, 'the walk does not end').toBeLessThan(500);
    expect(page.pageInfo.endCursor).toEqual(expect.any(String));
    after = page.pageInfo.endCursor;
  }
}

/** The walk returned exactly `expected` (ids in order) in pages of `size`, with consistent pageInfo. */
function expectWalk(pages: Page[], expected: number[], size: number): void {
  const ids = pages.flatMap((p) => p.edges.map((e) => Number(e.node.id)));
  expect(ids).toEqual(expected);
  expect(new Set(ids).size).toBe(ids.length);
  expect(pages).toHaveLength(Math.max(1, Math.ceil(expected.length / size)));
  pages.forEach((page, i) => {
    const last = i === pages.length - 1;
    expect(page.edges).toHaveLength(last ? expected.length - size * i : size);
    expect(page.nodes.map((n) => n.id)).toEqual(page.edges.map((e) => e.node.id));
    expect(page.pageInfo.hasNextPage).toBe(!last);
    expect(page.pageInfo.hasPreviousPage).toBe(i > 0);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    expect(page.totalCount).toBe(expected.length);
  });
  const cursors = pages.flatMap((p) => p.edges.map((e) => e.cursor));
  expect(new Set(cursors).size).toBe(cursors.length);
}

const productOrderBy = {
  NEWEST: 'created_at desc, id desc',
  PRICE_ASC: 'price_amount asc, id asc',
  PRICE_DESC: 'price_amount desc, id desc',
  NAME: 'name asc, id asc',
} as const;
type ProductOrder = keyof typeof productOrderBy;

async function productIdsInOrder(order: ProductOrder): Promise<number[]> {
  const rows = await supergraph.sql.unsafe<{ id: number }[]>(
    `select id from catalog.products order by ${productOrderBy[order]}`,
  );
  return rows.map((r) => r.id);
}

async function productsPage(first: number, after: string | null, orderBy: ProductOrder) {
  const result = await data<{ products: Page }>(
    `query ($first: Int, $after: String, $orderBy: ProductOrder) {
      products(first: $first, after: $after, orderBy: $orderBy) { ${PAGE} } }`,
    { first, after, orderBy },
  );
  return result.products;
}

/** A page size that makes a list of `count` items span several pages. */
const sizeFor = (count: number) => (count >= 75 ? 37 : 7);

describe('Query.products: a full forward walk per ProductOrder', () => {
  it.each(Object.keys(productOrderBy) as ProductOrder[])(
    'orderBy %s: every product once, in SQL order, totalCount = count(*)',
    async (order) => {
      const pages = await walk((after) => productsPage(37, after, order));
      const expected = await productIdsInOrder(order);
      const n = await productCount();
      expect(expected).toHaveLength(n);
      expect(n).toBeGreaterThan(37 * 2);
      expectWalk(pages, expected, 37);
    },
  );

  it('orders by the sort value itself (prices and names are monotonic across pages)', async () => {
    const pricesOf = async (orderBy: ProductOrder) => {
      const all: { price: { amount: number }; name: string }[] = [];
      let after: string | null = null;
      for (;;) {
        const {
          products,
        }: {
          products: {
            nodes: { price: { amount: number }; name: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        } = await data<{
          products: {
            nodes: { price: { amount: number }; name: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        }>(
          `query ($after: String, $orderBy: ProductOrder) {
            products(first: 100, after: $after, orderBy: $orderBy) {
              nodes { name price { amount } } pageInfo { hasNextPage endCursor } } }`,
          { after, orderBy },
        );
        all.push(...products.nodes);
        if (!products.pageInfo.hasNextPage) return all;
        after = products.pageInfo.endCursor;
      }
    };
    const asc = (await pricesOf('PRICE_ASC')).map((p) => p.price.amount);
    const desc = (await pricesOf('PRICE_DESC')).map((p) => p.price.amount);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(desc).toEqual([...asc].reverse());
    // Prices repeat in the seed, so the id tie-break really is exercised.
    expect(new Set(asc).size).toBeLessThan(asc.length);
  });
});

describe('nested connections: a full forward walk', () => {
  it('Category.products of the largest category: its subtree, newest first', async () => {
    const [top] = await supergraph.sql<{ id: number; n: number }[]>`
      with recursive tree(root, id) as (
        select id, id from catalog.categories
        union all
        select tree.root, c.id from catalog.categories c join tree on c.parent_id = tree.id)
      select tree.root as id, count(p.id)::int as n
      from tree join catalog.products p on p.category_id = tree.id
      group by tree.root order by n desc, tree.root limit 1`;
    expect(top!.n).toBeGreaterThan(25);
    const expected = (
      await supergraph.sql<{ id: number }[]>`
        with recursive tree(id) as (
          select id from catalog.categories where id = ${top!.id}
          union all
          select c.id from catalog.categories c join tree on c.parent_id = tree.id)
        select p.id from catalog.products p where p.category_id in (select id from tree)
        order by p.created_at desc, p.id desc`
    ).map((r) => r.id);
    const size = sizeFor(expected.length);
    const pages = await walk(async (after) => {
      const result = await data<{ category: { products: Page } }>(
        `query ($id: ID!, $first: Int, $after: String) {
          category(id: $id) { products(first: $first, after: $after) { ${PAGE} } } }`,
        { id: String(top!.id), first: size, after },
      );
      return result.category.products;
    });
    expectWalk(pages, expected, size);
  });

  it('Product.reviews of the most reviewed product: newest first', async () => {
    const [top] = await supergraph.sql<{ id: number; n: number }[]>`
      select product_id as id, count(*)::int as n from reviews.reviews
      group by product_id order by n desc, product_id limit 1`;
    expect(top!.n).toBeGreaterThan(25);
    const expected = (
      await supergraph.sql<{ id: number }[]>`
        select id from reviews.reviews where product_id = ${top!.id}
        order by created_at desc, id desc`
    ).map((r) => r.id);
    const size = sizeFor(expected.length);
    const pages = await walk(async (after) => {
      const result = await data<{ product: { reviews: Page } }>(
        `query ($id: ID!, $first: Int, $after: String) {
          product(id: $id) { reviews(first: $first, after: $after) { ${PAGE} } } }`,
        { id: String(top!.id), first: size, after },
      );
      return result.product.reviews;
    });
    expectWalk(pages, expected, size);
  });

  it('User.reviews of the most prolific reviewer: newest first', async () => {
    const [top] = await supergraph.sql<{ id: number; n: number }[]>`
      select author_id as id, count(*)::int as n from reviews.reviews
      group by author_id order by n desc, author_id limit 1`;
    expect(top!.n).toBeGreaterThan(25);
    const expected = (
      await supergraph.sql<{ id: number }[]>`
        select id from reviews.reviews where author_id = ${top!.id}
        order by created_at desc, id desc`
    ).map((r) => r.id);
    const size = 7;
    const pages = await walk(async (after) => {
      const result = await data<{ user: { reviews: Page } }>(
        `query ($id: ID!, $first: Int, $after: String) {
          user(id: $id) { reviews(first: $first, after: $after) { ${PAGE} } } }`,
        { id: String(top!.id), first: size, after },
      );
      return result.user.reviews;
    });
    expectWalk(pages, expected, size);
  });

  it('User.orders: newest first, ties on placedAt broken by id', async () => {
    // No seeded buyer has more than a handful of orders, so this test makes one with 31 (in one
    // transaction, under a fresh user nobody else touches). Orders come in threes sharing one
    // placedAt, so a cursor boundary falls inside a tie. They are written around placeOrder, so
    // they hold no stock: CANCELLED, the status that keeps the stock audit true.
    const buyerId = await supergraph.sql.begin(async (tx) => {
      const [user] = await tx<{ id: number }[]>`
        insert into accounts.users (name, email)
        values ('Pagination Buyer', ${`pagination-${process.pid}-${Date.now()}@example.com`})
        returning id`;
      const [product] = await tx<{ id: number; price_amount: number }[]>`
        select id, price_amount from catalog.products order by id limit 1`;
      for (let i = 0; i < 31; i++) {
        const placedAt = new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 3) * 3_600_000);
        const [order] = await tx<{ id: number }[]>`
          insert into orders.orders (buyer_id, status, idempotency_key, total_amount, placed_at)
          values (${user!.id}, 'CANCELLED', ${`pagination-${i}`}, ${product!.price_amount}, ${placedAt})
          returning id`;
        await tx`
          insert into orders.order_lines (order_id, line_no, product_id, quantity, unit_price_amount)
          values (${order!.id}, 1, ${product!.id}, 1, ${product!.price_amount})`;
      }
      return user!.id;
    });
    const expected = (
      await supergraph.sql<{ id: number }[]>`
        select id from orders.orders where buyer_id = ${buyerId} order by placed_at desc, id desc`
    ).map((r) => r.id);
    expect(expected).toHaveLength(31);
    const size = 7;
    const pages = await walk(async (after) => {
      const result = await data<{ user: { orders: Page } }>(
        `query ($id: ID!, $first: Int, $after: String) {
          user(id: $id) { orders(first: $first, after: $after) { ${PAGE} } } }`,
        { id: String(buyerId), first: size, after },
      );
      return result.user.orders;
    });
    expectWalk(pages, expected, size);
  });
});

describe('`first`', () => {
  it('defaults to 20', async () => {
    const result = await data<{ products: Page }>(`{ products { ${PAGE} } }`);
    expect(result.products.edges.map((e) => Number(e.node.id))).toEqual(
      (await productIdsInOrder('NEWEST')).slice(0, 20),
    );
    expect(result.products.pageInfo.hasNextPage).toBe(true);
  });

  it('defaults to 20 on nested connections too', async () => {
    const [top] = await supergraph.sql<{ id: number; n: number }[]>`
      select product_id as id, count(*)::int as n from reviews.reviews
      group by product_id order by n desc, product_id limit 1`;
    const result = await data<{ product: { reviews: Page } }>(
      `query ($id: ID!) { product(id: $id) { reviews { ${PAGE} } } }`,
      { id: String(top!.id) },
    );
    expect(result.product.reviews.edges).toHaveLength(20);
    expect(result.product.reviews.totalCount).toBe(top!.n);
  });

  it('0 gives no edges but still counts and says more follow', async () => {
    const result = await data<{ products: Page }>(`{ products(first: 0) { ${PAGE} } }`);
    const n = await productCount();
    expect(result.products.edges).toEqual([]);
    expect(result.products.nodes).toEqual([]);
    expect(result.products.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
    expect(result.products.totalCount).toBe(n);
  });

  it('100 is allowed', async () => {
    const result = await data<{ products: Page }>(`{ products(first: 100) { ${PAGE} } }`);
    expect(result.products.edges.map((e) => Number(e.node.id))).toEqual(
      (await productIdsInOrder('NEWEST')).slice(0, 100),
    );
  });

  it('1000000 on products is refused by the router’s cost limit before any subgraph', async () => {
    const result = await body(`query ($first: Int) { products(first: $first) { ${PAGE} } }`, {
      first: 1_000_000,
    });
    expect(errorCodes(result)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(result.data ?? null).toBeNull();
  });

  it.each([101, -1])('%i on products is BAD_USER_INPUT with no data', async (first) => {
    const result = await body(`query ($first: Int) { products(first: $first) { ${PAGE} } }`, {
      first,
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.data?.products ?? null).toBeNull();
  });

  it.each([101, -1])(
    '%i on nested connections is BAD_USER_INPUT, that field null',
    async (first) => {
      const [review] = await supergraph.sql<{ product_id: number; author_id: number }[]>`
      select product_id, author_id from reviews.reviews order by id limit 1`;
      const [category] = await supergraph.sql<
        { id: number }[]
      >`select id from catalog.categories order by id limit 1`;
      const [order] = await supergraph.sql<
        { buyer_id: number }[]
      >`select buyer_id from orders.orders order by id limit 1`;
      const cases = [
        {
          query: `query ($id: ID!, $first: Int) { product(id: $id) { id reviews(first: $first) { totalCount } } }`,
          id: review!.product_id,
          check: (d: Record<string, unknown> | null | undefined) =>
            expect(d?.product).toEqual({ id: String(review!.product_id), reviews: null }),
        },
        {
          query: `query ($id: ID!, $first: Int) { user(id: $id) { id reviews(first: $first) { totalCount } } }`,
          id: review!.author_id,
          check: (d: Record<string, unknown> | null | undefined) =>
            expect(d?.user).toEqual({ id: String(review!.author_id), reviews: null }),
        },
        {
          query: `query ($id: ID!, $first: Int) { user(id: $id) { id orders(first: $first) { totalCount } } }`,
          id: order!.buyer_id,
          check: (d: Record<string, unknown> | null | undefined) =>
            expect(d?.user).toEqual({ id: String(order!.buyer_id), orders: null }),
        },
        {
          // Category.products is non-null, so the error nulls the category.
          query: `query ($id: ID!, $first: Int) { category(id: $id) { id products(first: $first) { totalCount } } }`,
          id: category!.id,
          check: (d: Record<string, unknown> | null | undefined) =>
            expect(d?.category ?? null).toBeNull(),
        },
      ];
      for (const c of cases) {
        const result = await body(c.query, { id: String(c.id), first });
        expect(errorCodes(result), c.query).toEqual(['BAD_USER_INPUT']);
        c.check(result.data);
      }
    },
  );
});

describe('`after`', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  async function expectBadCursor(query: string, variables: Record<string, unknown>, field: string) {
    const result = await body(query, variables);
    expect(errorCodes(result), `${JSON.stringify(variables)} → ${JSON.stringify(result)}`).toEqual([
      'BAD_USER_INPUT',
    ]);
    const value = field
      .split('.')
      .reduce<unknown>(
        (v, k) => (v as Record<string, unknown> | null | undefined)?.[k],
        result.data,
      );
    expect(value ?? null).toBeNull();
  }

  const productsQuery = `query ($after: String, $orderBy: ProductOrder) {
    products(first: 5, after: $after, orderBy: $orderBy) { edges { node { id } } } }`;

  it.each([
    ['garbage', 'garbage'],
    ['empty string', ''],
    ['base64 of junk', b64('this is not a cursor')],
    ['base64 of a JSON object', b64('{"id":1}')],
    ['base64 of an empty array', b64url([])],
    ['a JSON array of the wrong length', b64url(['products:NEWEST', '2026-01-01T00:00:00.000Z'])],
    ['a cursor with an unknown kind', b64url(['products:SECRET', 1, 1])],
    ['a timestamp that is not a date', b64url(['products:NEWEST', 'yesterday-ish', 1])],
    ['an id that is a string', b64url(['products:NEWEST', '2026-01-01T00:00:00.000Z', '1 or 1=1'])],
    ['an id that is a float', b64url(['products:NEWEST', '2026-01-01T00:00:00.000Z', 1.5])],
  ])('%s → BAD_USER_INPUT', async (_name, after) => {
    await expectBadCursor(productsQuery, { after, orderBy: 'NEWEST' }, 'products');
  });

  it.each([
    [
      'an id beyond PostgreSQL integer',
      ['products:NEWEST', '2026-01-01T00:00:00.000Z', 2 ** 40],
      'NEWEST',
    ],
    ['a price beyond PostgreSQL integer', ['products:PRICE_ASC', 2 ** 40, 1], 'PRICE_ASC'],
    ['a name with a NUL character', ['products:NAME', 'a\u0000b', 1], 'NAME'],
    [
      'a timestamp PostgreSQL cannot hold',
      ['products:NEWEST', '+275760-09-13T00:00:00.000Z', 1],
      'NEWEST',
    ],
  ] as const)(
    'a forged cursor of the right shape with %s → BAD_USER_INPUT, not a server error',
    async (_name, value, orderBy) => {
      await expectBadCursor(productsQuery, { after: b64url(value), orderBy }, 'products');
    },
  );

  it('a cursor from another ordering → BAD_USER_INPUT', async () => {
    const priceAsc = await productsPage(5, null, 'PRICE_ASC');
    const cursor = priceAsc.pageInfo.endCursor;
    for (const orderBy of ['NAME', 'PRICE_DESC', 'NEWEST'] as const) {
      await expectBadCursor(productsQuery, { after: cursor, orderBy }, 'products');
    }
    // ...and it works with the ordering it came from.
    const next = await productsPage(5, cursor, 'PRICE_ASC');
    expect(next.edges).toHaveLength(5);
  });

  it('a cursor from another list → BAD_USER_INPUT', async () => {
    const [top] = await supergraph.sql<{ id: number }[]>`
      select product_id as id from reviews.reviews group by product_id order by count(*) desc, product_id limit 1`;
    const { product } = await data<{ product: { reviews: Page } }>(
      `query ($id: ID!) { product(id: $id) { reviews(first: 3) { ${PAGE} } } }`,
      { id: String(top!.id) },
    );
    const reviewCursor = product.reviews.pageInfo.endCursor;
    expect(reviewCursor).toEqual(expect.any(String));
    await expectBadCursor(productsQuery, { after: reviewCursor, orderBy: 'NEWEST' }, 'products');

    const productCursor = (await productsPage(3, null, 'NEWEST')).pageInfo.endCursor;
    const result = await body(
      `query ($id: ID!, $after: String) { product(id: $id) { id reviews(first: 3, after: $after) { totalCount } } }`,
      { id: String(top!.id), after: productCursor },
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.data?.product).toEqual({ id: String(top!.id), reviews: null });
  });

  it('after the last cursor: an empty page with hasNextPage false', async () => {
    const pages = await walk((after) => productsPage(100, after, 'NAME'));
    const last = pages.at(-1)!;
    const after = await productsPage(10, last.pageInfo.endCursor, 'NAME');
    expect(after.edges).toEqual([]);
    expect(after.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });

  it('cursors are opaque strings, stable across identical queries', async () => {
    for (const order of Object.keys(productOrderBy) as ProductOrder[]) {
      const first = await productsPage(10, null, order);
      const again = await productsPage(10, null, order);
      expect(again).toEqual(first);
      for (const edge of first.edges) {
        expect(edge.cursor).toEqual(expect.any(String));
        expect(edge.cursor.length).toBeGreaterThan(0);
        expect(edge.cursor).not.toBe(edge.node.id);
      }
      // The second page, reached through the first page's endCursor, is also stable.
      const second = await productsPage(10, first.pageInfo.endCursor, order);
      const secondAgain = await productsPage(10, again.pageInfo.endCursor, order);
      expect(secondAgain).toEqual(second);
    }
  });
});

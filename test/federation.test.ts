import { describe, expect, it } from 'vitest';
import { useSupergraph } from './support/supergraph';
import { errorCodes, dataOf, gql } from './support/graphql';

/**
 * Every entity join of the contract (DESIGN.md §2), through the router, checked value by value
 * against the five schemas in the database.
 */
const supergraph = useSupergraph();

/** Runs an operation through the router as the seeded admin; fails on any error. */
const data = <T>(query: string, variables: Record<string, unknown> = {}) =>
  dataOf<T>(supergraph.stack.routerUrl, query, variables, supergraph.admin);

interface Money {
  amount: number;
  currency: string;
}

/** inventory's rule: 399 + 60 per started 500 g, at least one unit, in US cents. */
const shipping = (weightGrams: number): Money => ({
  amount: 399 + 60 * Math.max(1, Math.ceil(weightGrams / 500)),
  currency: 'USD',
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A DateTime field: an ISO-8601 UTC string with milliseconds that round-trips, equal to the row's. */
function expectDateTime(value: unknown, expected: Date): void {
  expect(value).toMatch(ISO);
  expect(new Date(value as string).toISOString()).toBe(value);
  expect(value).toBe(expected.toISOString());
}

function expectMoney(value: Money, amount: number, currency: string): void {
  expect(Number.isInteger(value.amount)).toBe(true);
  expect(value).toEqual({ amount, currency: currency.trim() });
}

describe('Product across catalog, inventory and reviews', () => {
  interface ProductNode {
    id: string;
    sku: string;
    name: string;
    description: string;
    weightGrams: number;
    price: Money;
    createdAt: string;
    category: { id: string; name: string };
    inStock: boolean;
    availableQuantity: number;
    shippingEstimate: Money;
    rating: { average: number | null; count: number };
  }
  const FIELDS = `id sku name description weightGrams price { amount currency } createdAt
    category { id name } inStock availableQuantity shippingEstimate { amount currency }
    rating { average count }`;

  async function stockLevels(): Promise<Map<number, number>> {
    const rows = await supergraph.sql<{ product_id: number; available: number }[]>`
      select product_id, available from inventory.stock`;
    return new Map(rows.map((r) => [r.product_id, r.available]));
  }

  it('every product: stock, shipping estimate and rating agree with the database', async () => {
    // Stock is read before and after the walk: a concurrent order elsewhere in the suite may move
    // it, and then either value is right. Everything else here is fixed by the seed.
    const stockBefore = await stockLevels();
    const nodes: ProductNode[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        products: { nodes: ProductNode[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      } = await data(
        `query ($after: String) { products(first: 100, after: $after, orderBy: PRICE_ASC) {
          nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      nodes.push(...page.products.nodes);
      if (!page.products.pageInfo.hasNextPage) break;
      after = page.products.pageInfo.endCursor;
    }
    const rows = await supergraph.sql<
      {
        id: number;
        sku: string;
        name: string;
        description: string;
        weight_grams: number;
        price_amount: number;
        currency: string;
        created_at: Date;
        category_id: number;
        category_name: string;
        available: number | null;
        average: number | null;
        reviews: number;
      }[]
    >`
      select p.id, p.sku, p.name, p.description, p.weight_grams, p.price_amount, p.currency,
             p.created_at, p.category_id, c.name as category_name, s.available,
             r.average, coalesce(r.n, 0)::int as reviews
      from catalog.products p
      join catalog.categories c on c.id = p.category_id
      left join inventory.stock s on s.product_id = p.id
      left join (select product_id, avg(rating)::float8 as average, count(*)::int as n
                 from reviews.reviews group by product_id) r on r.product_id = p.id`;
    const stockAfter = await stockLevels();
    expect(nodes).toHaveLength(rows.length);
    const byId = new Map(nodes.map((n) => [Number(n.id), n]));
    for (const row of rows) {
      const node = byId.get(row.id)!;
      expect(node, `product ${row.id}`).toBeDefined();
      const levels = [stockBefore.get(row.id) ?? 0, stockAfter.get(row.id) ?? 0];
      const available = levels.includes(node.availableQuantity)
        ? node.availableQuantity
        : levels[1]!;
      expect({
        sku: node.sku,
        name: node.name,
        description: node.description,
        weightGrams: node.weightGrams,
        category: node.category,
        inStock: node.inStock,
        availableQuantity: node.availableQuantity,
        shippingEstimate: node.shippingEstimate,
        ratingCount: node.rating.count,
      }).toEqual({
        sku: row.sku,
        name: row.name,
        description: row.description,
        weightGrams: row.weight_grams,
        category: { id: String(row.category_id), name: row.category_name },
        inStock: available > 0,
        availableQuantity: available,
        shippingEstimate: shipping(row.weight_grams),
        ratingCount: row.reviews,
      });
      expectMoney(node.price, row.price_amount, row.currency);
      expectMoney(node.shippingEstimate, shipping(row.weight_grams).amount, 'USD');
      expectDateTime(node.createdAt, row.created_at);
      if (row.average === null) expect(node.rating.average).toBeNull();
      else expect(node.rating.average).toBeCloseTo(row.average, 9);
    }
    // The seed has both sides of each branch; otherwise this test would prove less.
    expect(rows.some((r) => (r.available ?? 0) === 0)).toBe(true);
    expect(rows.some((r) => (r.available ?? 0) > 0)).toBe(true);
    expect(rows.some((r) => r.reviews === 0)).toBe(true);
    expect(new Set(rows.map((r) => shipping(r.weight_grams).amount)).size).toBeGreaterThan(3);
  });

  it('reviews → author: each review with its author from accounts, newest first', async () => {
    const [top] = await supergraph.sql<{ id: number }[]>`
      select product_id as id from reviews.reviews group by product_id
      order by count(*) desc, product_id limit 1`;
    const rows = await supergraph.sql<
      {
        id: number;
        rating: number;
        body: string;
        created_at: Date;
        author_id: number;
        name: string;
      }[]
    >`
      select r.id, r.rating, r.body, r.created_at, r.author_id, u.name
      from reviews.reviews r join accounts.users u on u.id = r.author_id
      where r.product_id = ${top!.id} order by r.created_at desc, r.id desc limit 100`;
    const { product } = await data<{
      product: {
        id: string;
        reviews: {
          nodes: {
            id: string;
            rating: number;
            body: string;
            createdAt: string;
            author: { id: string; name: string };
            product: { id: string };
          }[];
        };
      };
    }>(
      `query ($id: ID!) { product(id: $id) { id reviews(first: 100) {
        nodes { id rating body createdAt author { id name } product { id } } } } }`,
      { id: String(top!.id) },
    );
    expect(product.reviews.nodes).toHaveLength(rows.length);
    product.reviews.nodes.forEach((node, i) => {
      const row = rows[i]!;
      expect(node).toEqual({
        id: String(row.id),
        rating: row.rating,
        body: row.body,
        createdAt: row.created_at.toISOString(),
        author: { id: String(row.author_id), name: row.name },
        product: { id: String(top!.id) },
      });
      expectDateTime(node.createdAt, row.created_at);
    });
  });

  it('product(sku:) is the same product as product(id:), federated fields included', async () => {
    const rows = await supergraph.sql<{ id: number; sku: string }[]>`
      select id, sku from catalog.products order by id desc limit 3`;
    for (const row of rows) {
      const { bySku, byId } = await data<{ bySku: ProductNode; byId: ProductNode }>(
        `query ($id: ID!, $sku: String!) {
          bySku: product(sku: $sku) { ${FIELDS} } byId: product(id: $id) { ${FIELDS} } }`,
        { id: String(row.id), sku: row.sku },
      );
      expect(bySku.id).toBe(String(row.id));
      expect(bySku.sku).toBe(row.sku);
      expect(bySku).toEqual(byId);
    }
  });

  it('product(id:, sku:) with both or neither is BAD_USER_INPUT', async () => {
    const [row] = await supergraph.sql<{ id: number; sku: string }[]>`
      select id, sku from catalog.products order by id limit 1`;
    for (const [query, variables] of [
      [
        'query ($id: ID, $sku: String) { product(id: $id, sku: $sku) { id } }',
        { id: String(row!.id), sku: row!.sku },
      ],
      ['{ product { id } }', {}],
      [
        'query ($id: ID, $sku: String) { product(id: $id, sku: $sku) { id } }',
        { id: null, sku: null },
      ],
    ] as const) {
      const { body } = await gql(supergraph.stack.routerUrl, query, variables, supergraph.admin);
      expect(errorCodes(body), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
      expect(body.data?.product ?? null).toBeNull();
    }
  });
});

describe('Category', () => {
  interface CategoryRow {
    id: number;
    name: string;
    slug: string;
    parent_id: number | null;
  }

  it('categories: every category, by name, with parent, children and its subtree products', async () => {
    const rows = await supergraph.sql<CategoryRow[]>`
      select id, name, slug, parent_id from catalog.categories order by name, id`;
    const products = await supergraph.sql<{ id: number; category_id: number }[]>`
      select id, category_id from catalog.products order by created_at desc, id desc`;
    const { categories } = await data<{
      categories: {
        id: string;
        name: string;
        slug: string;
        parent: { id: string; name: string } | null;
        children: { id: string }[];
        products: { totalCount: number; nodes: { id: string }[] };
      }[];
    }>(`{ categories { id name slug parent { id name } children { id }
          products(first: 3) { totalCount nodes { id } } } }`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const subtree = (id: number): number[] => [
      id,
      ...rows.filter((r) => r.parent_id === id).flatMap((r) => subtree(r.id)),
    ];
    expect(categories.map((c) => Number(c.id))).toEqual(rows.map((r) => r.id));
    for (const row of rows) {
      const inTree = new Set(subtree(row.id));
      const mine = products.filter((p) => inTree.has(p.category_id)).map((p) => String(p.id));
      expect(categories.find((c) => c.id === String(row.id))).toEqual({
        id: String(row.id),
        name: row.name,
        slug: row.slug,
        parent:
          row.parent_id === null
            ? null
            : { id: String(row.parent_id), name: byId.get(row.parent_id)!.name },
        // rows are in name order, so the filter keeps the children in name order.
        children: rows.filter((r) => r.parent_id === row.id).map((r) => ({ id: String(r.id) })),
        products: { totalCount: mine.length, nodes: mine.slice(0, 3).map((id) => ({ id })) },
      });
    }
  });

  it('categories(rootsOnly: true): the roots, by name', async () => {
    const roots = await supergraph.sql<{ id: number }[]>`
      select id from catalog.categories where parent_id is null order by name, id`;
    expect(roots.length).toBeGreaterThan(1);
    const { categories } = await data<{ categories: { id: string; parent: null }[] }>(
      `{ categories(rootsOnly: true) { id parent { id } } }`,
    );
    expect(categories).toEqual(roots.map((r) => ({ id: String(r.id), parent: null })));
  });

  it('category(slug:) and category(id:) find the same category', async () => {
    const rows = await supergraph.sql<CategoryRow[]>`
      (select id, name, slug, parent_id from catalog.categories where parent_id is null order by id limit 1)
      union all
      (select id, name, slug, parent_id from catalog.categories where parent_id is not null order by id desc limit 1)`;
    for (const row of rows) {
      const { bySlug, byId } = await data<{ bySlug: unknown; byId: unknown }>(
        `query ($id: ID!, $slug: String!) {
          bySlug: category(slug: $slug) { id name slug parent { id } }
          byId: category(id: $id) { id name slug parent { id } } }`,
        { id: String(row.id), slug: row.slug },
      );
      expect(bySlug).toEqual({
        id: String(row.id),
        name: row.name,
        slug: row.slug,
        parent: row.parent_id === null ? null : { id: String(row.parent_id) },
      });
      expect(byId).toEqual(bySlug);
    }
  });

  it('category(id:, slug:) with both or neither is BAD_USER_INPUT', async () => {
    const [row] = await supergraph.sql<
      CategoryRow[]
    >`select id, slug from catalog.categories order by id limit 1`;
    for (const [query, variables] of [
      [
        'query ($id: ID, $slug: String) { category(id: $id, slug: $slug) { id } }',
        { id: String(row!.id), slug: row!.slug },
      ],
      ['{ category { id } }', {}],
    ] as const) {
      const { body } = await gql(supergraph.stack.routerUrl, query, variables, supergraph.admin);
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.data?.category ?? null).toBeNull();
    }
  });
});

describe('Order across orders, accounts and catalog', () => {
  interface OrderNode {
    id: string;
    status: string;
    placedAt: string;
    total: Money;
    buyer: { id: string; name: string };
    lines: {
      quantity: number;
      unitPrice: Money;
      lineTotal: Money;
      product: { id: string; name: string; price: Money };
    }[];
  }
  const ORDER = `id status placedAt total { amount currency } buyer { id name }
    lines { quantity unitPrice { amount currency } lineTotal { amount currency }
            product { id name price { amount currency } } }`;

  /** Checks an Order node against its rows: buyer, lines in line_no order, prices, total. */
  async function expectOrder(node: OrderNode, orderId: number): Promise<void> {
    const [order] = await supergraph.sql<
      {
        id: number;
        status: string;
        placed_at: Date;
        total_amount: number;
        currency: string;
        buyer_id: number;
        buyer: string;
      }[]
    >`
      select o.id, o.status, o.placed_at, o.total_amount, o.currency, o.buyer_id, u.name as buyer
      from orders.orders o join accounts.users u on u.id = o.buyer_id where o.id = ${orderId}`;
    const lines = await supergraph.sql<
      {
        quantity: number;
        unit_price_amount: number;
        currency: string;
        product_id: number;
        name: string;
        price_amount: number;
        product_currency: string;
      }[]
    >`
      select l.quantity, l.unit_price_amount, l.currency, l.product_id, p.name, p.price_amount,
             p.currency as product_currency
      from orders.order_lines l join catalog.products p on p.id = l.product_id
      where l.order_id = ${orderId} order by l.line_no`;
    expect(node.id).toBe(String(order!.id));
    expect(node.status).toBe(order!.status);
    expectDateTime(node.placedAt, order!.placed_at);
    expect(node.buyer).toEqual({ id: String(order!.buyer_id), name: order!.buyer });
    expect(node.lines).toHaveLength(lines.length);
    node.lines.forEach((line, i) => {
      const row = lines[i]!;
      expect(line.quantity).toBe(row.quantity);
      expect(line.product.id).toBe(String(row.product_id));
      expect(line.product.name).toBe(row.name);
      expectMoney(line.product.price, row.price_amount, row.product_currency);
      expectMoney(line.unitPrice, row.unit_price_amount, row.currency);
      expectMoney(line.lineTotal, row.unit_price_amount * row.quantity, row.currency);
    });
    const sum = node.lines.reduce((total, line) => total + line.lineTotal.amount, 0);
    expectMoney(node.total, sum, order!.currency);
    expect(node.total.amount).toBe(order!.total_amount);
  }

  it('order(id:): buyer, lines → product, unit prices, line totals and total', async () => {
    // The orders with the most lines, and one of every status.
    const picks = await supergraph.sql<{ id: number }[]>`
      (select o.id from orders.orders o join orders.order_lines l on l.order_id = o.id
       group by o.id order by count(*) desc, o.id limit 3)
      union
      (select distinct on (status) id from orders.orders order by status, id)`;
    expect(picks.length).toBeGreaterThanOrEqual(4);
    const aliases = picks.map((p, i) => `o${i}: order(id: "${p.id}") { ...O }`).join('\n');
    const result = await data<Record<string, OrderNode>>(
      `{ ${aliases} } fragment O on Order { ${ORDER} }`,
    );
    for (const [i, pick] of picks.entries()) await expectOrder(result[`o${i}`]!, pick.id);
    // Some line is bought in quantity > 1, so lineTotal really multiplies.
    expect(Object.values(result).some((o) => o.lines.some((l) => l.quantity > 1))).toBe(true);
  });

  it('User → orders and reviews; Order → buyer is that user again', async () => {
    const [first] = await supergraph.sql<{ buyer_id: number }[]>`
      select buyer_id from orders.orders order by id limit 1`;
    const userId = first!.buyer_id;
    const [user] = await supergraph.sql<{ name: string; created_at: Date }[]>`
      select name, created_at from accounts.users where id = ${userId}`;
    const orders = await supergraph.sql<{ id: number }[]>`
      select id from orders.orders where buyer_id = ${userId} order by placed_at desc, id desc`;
    const reviews = await supergraph.sql<{ id: number; product_id: number; name: string }[]>`
      select r.id, r.product_id, p.name from reviews.reviews r
      join catalog.products p on p.id = r.product_id
      where r.author_id = ${userId} order by r.created_at desc, r.id desc`;
    expect(orders.length).toBeGreaterThan(0);
    expect(reviews.length).toBeGreaterThan(0);
    const result = await data<{
      user: {
        id: string;
        name: string;
        createdAt: string;
        orders: { totalCount: number; nodes: OrderNode[] };
        reviews: {
          totalCount: number;
          nodes: { id: string; author: { id: string }; product: { id: string; name: string } }[];
        };
      };
    }>(
      `query ($id: ID!) { user(id: $id) { id name createdAt
        orders(first: 100) { totalCount nodes { ${ORDER} } }
        reviews(first: 100) { totalCount nodes { id author { id } product { id name } } } } }`,
      { id: String(userId) },
    );
    expect(result.user.id).toBe(String(userId));
    expect(result.user.name).toBe(user!.name);
    expectDateTime(result.user.createdAt, user!.created_at);
    expect(result.user.orders.totalCount).toBe(orders.length);
    expect(result.user.orders.nodes.map((o) => Number(o.id))).toEqual(orders.map((o) => o.id));
    for (const node of result.user.orders.nodes) {
      expect(node.buyer.id).toBe(String(userId));
      await expectOrder(node, Number(node.id));
    }
    expect(result.user.reviews.totalCount).toBe(reviews.length);
    expect(result.user.reviews.nodes).toEqual(
      reviews.slice(0, 100).map((r) => ({
        id: String(r.id),
        author: { id: String(userId) },
        product: { id: String(r.product_id), name: r.name },
      })),
    );
  });
});

describe('Review', () => {
  it('review(id:): product from catalog, author from accounts', async () => {
    const rows = await supergraph.sql<
      {
        id: number;
        rating: number;
        body: string;
        created_at: Date;
        product_id: number;
        product: string;
        author_id: number;
        author: string;
      }[]
    >`
      select r.id, r.rating, r.body, r.created_at, r.product_id, p.name as product,
             r.author_id, u.name as author
      from reviews.reviews r
      join catalog.products p on p.id = r.product_id
      join accounts.users u on u.id = r.author_id
      where r.id in ((select min(id) from reviews.reviews), (select max(id) from reviews.reviews))
      order by r.id`;
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const { review } = await data<{ review: Record<string, unknown> }>(
        `query ($id: ID!) { review(id: $id) {
          id rating body createdAt product { id name } author { id name } } }`,
        { id: String(row.id) },
      );
      expect(review).toEqual({
        id: String(row.id),
        rating: row.rating,
        body: row.body,
        createdAt: row.created_at.toISOString(),
        product: { id: String(row.product_id), name: row.product },
        author: { id: String(row.author_id), name: row.author },
      });
      expectDateTime(review.createdAt, row.created_at);
    }
  });
});

describe('Query.user', () => {
  it('returns the user from accounts', async () => {
    const rows = await supergraph.sql<{ id: number; name: string; created_at: Date }[]>`
      select id, name, created_at from accounts.users order by id limit 2`;
    for (const row of rows) {
      const { user } = await data<{ user: { id: string; name: string; createdAt: string } }>(
        `query ($id: ID!) { user(id: $id) { id name createdAt } }`,
        { id: String(row.id) },
      );
      expect(user).toEqual({
        id: String(row.id),
        name: row.name,
        createdAt: row.created_at.toISOString(),
      });
    }
  });
});

describe('unknown and malformed ids', () => {
  it('give null, not an error, for every lookup', async () => {
    const [max] = await supergraph.sql<{ n: number }[]>`
      select greatest(
        (select max(id) from catalog.products), (select max(id) from catalog.categories),
        (select max(id) from accounts.users), (select max(id) from orders.orders),
        (select max(id) from reviews.reviews))::int + 100000 as n`;
    const ids = [
      String(max!.n),
      '0',
      '-1',
      'abc',
      '',
      '1.5',
      '1e3',
      '99999999999',
      '2147483648',
      ' 1',
      '0x1',
    ];
    for (const id of ids) {
      const { body } = await gql(
        supergraph.stack.routerUrl,
        `query ($id: ID!) {
          product(id: $id) { id name inStock rating { count } }
          category(id: $id) { id }
          user(id: $id) { id name }
          order(id: $id) { id }
          review(id: $id) { id } }`,
        { id },
        supergraph.admin,
      );
      expect(body.errors, `${JSON.stringify(id)}: ${JSON.stringify(body.errors)}`).toBeUndefined();
      expect(body.data, JSON.stringify(id)).toEqual({
        product: null,
        category: null,
        user: null,
        order: null,
        review: null,
      });
    }
    const { body } = await gql(
      supergraph.stack.routerUrl,
      `{ product(sku: "NO-SUCH-SKU") { id } category(slug: "no-such-category") { id } }`,
    );
    expect(body).toEqual({ data: { product: null, category: null } });
  });
});

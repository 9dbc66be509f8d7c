import { Kind, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useSubgraphs } from '../support/subgraphs';
import { subgraphNames, type SubgraphName } from '../../lib/env';
import { gql } from '../support/graphql';

/**
 * Each subgraph's own server, without the router: its SDL, its entity resolvers (`_entities`, in
 * the order asked, null for a key with no row) and some of its root fields.
 */
const harness = useSubgraphs(subgraphNames);

async function direct<T>(
  subgraph: SubgraphName,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  // Signed as the router signs: subgraphs refuse anything else (see test/identity.test.ts).
  const { status, body } = await gql(
    harness.url(subgraph),
    query,
    variables,
    // As the router signs for the seeded admin, who may see every order.
    harness.set.signedAs({ userId: 1, roles: ['ADMIN'], partnerId: null }),
  );
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data as T;
}

async function entities<T>(
  subgraph: SubgraphName,
  selection: string,
  representations: Record<string, unknown>[],
): Promise<(T | null)[]> {
  const result = await direct<{ _entities: (T | null)[] }>(
    subgraph,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`,
    { representations },
  );
  expect(result._entities).toHaveLength(representations.length);
  return result._entities;
}

/** An id above every id of `table`: a key with no row. */
async function missingId(table: string): Promise<string> {
  const [row] = await harness.sql.unsafe<{ n: number }[]>(
    `select coalesce(max(id), 0)::int + 1000 as n from ${table}`,
  );
  return String(row!.n);
}

describe('_service { sdl }', () => {
  interface TypeSummary {
    keys: string[];
    fields: Record<string, string[]>;
  }

  /** Each object type of an SDL: its @key field sets and, per field, its directives with arguments. */
  function summarise(sdl: string): Record<string, TypeSummary> {
    const types: Record<string, TypeSummary> = {};
    for (const def of parse(sdl).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION)
        continue;
      const type = (types[def.name.value] ??= { keys: [], fields: {} });
      for (const directive of def.directives ?? []) {
        if (directive.name.value !== 'key') continue;
        const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
        if (fields?.kind === Kind.STRING) type.keys.push(fields.value);
      }
      for (const field of def.fields ?? []) {
        type.fields[field.name.value] = (field.directives ?? []).map((d) => print(d));
      }
    }
    return types;
  }

  const expected: Record<SubgraphName, Record<string, { keys?: string[]; fields: string[] }>> = {
    accounts: {
      Query: { fields: ['me', 'user'] },
      User: { keys: ['id'], fields: ['id', 'name', 'email', 'createdAt'] },
    },
    catalog: {
      Query: { fields: ['product', 'products', 'categories', 'category'] },
      Product: {
        keys: ['id', 'sku'],
        fields: ['id', 'sku', 'name', 'price', 'weightGrams', 'category'],
      },
      Category: { keys: ['id'], fields: ['id', 'name', 'slug', 'parent', 'children', 'products'] },
    },
    inventory: {
      Product: { keys: ['id'], fields: ['id', 'inStock', 'availableQuantity', 'shippingEstimate'] },
    },
    orders: {
      Query: { fields: ['order'] },
      Order: { keys: ['id'], fields: ['id', 'buyer', 'status', 'lines', 'total', 'placedAt'] },
      User: { keys: ['id'], fields: ['id', 'orders'] },
    },
    reviews: {
      Query: { fields: ['review'] },
      Review: { keys: ['id'], fields: ['id', 'product', 'author', 'rating', 'body', 'createdAt'] },
      Product: { keys: ['id'], fields: ['id', 'reviews', 'rating'] },
      User: { keys: ['id'], fields: ['id', 'reviews'] },
    },
  };

  it.each(subgraphNames)('%s answers with its SDL: its entities, keys and fields', async (name) => {
    const { _service } = await direct<{ _service: { sdl: string } }>(name, '{ _service { sdl } }');
    const types = summarise(_service.sdl);
    for (const [typeName, want] of Object.entries(expected[name])) {
      const type = types[typeName];
      expect(type, `${name}: type ${typeName}`).toBeDefined();
      if (want.keys) expect(type!.keys, `${name}: ${typeName} keys`).toEqual(want.keys);
      expect(Object.keys(type!.fields)).toEqual(expect.arrayContaining(want.fields));
    }
    if (name === 'inventory') {
      expect(types.Product!.fields.shippingEstimate).toEqual(['@requires(fields: "weightGrams")']);
      expect(types.Product!.fields.weightGrams).toEqual(['@external']);
    }
  });
});

describe('accounts', () => {
  it('_entities User: rows in the order asked, null for an unknown id', async () => {
    const users = await harness.sql<{ id: number; name: string; created_at: Date }[]>`
      select id, name, created_at from accounts.users order by id limit 3`;
    const missing = await missingId('accounts.users');
    const reps = [users[2]!, null, users[0]!, users[1]!].map((u) => ({
      __typename: 'User',
      id: u ? String(u.id) : missing,
    }));
    const result = await entities('accounts', '... on User { id name createdAt }', [
      ...reps,
      { __typename: 'User', id: 'not-an-id' },
    ]);
    expect(result).toEqual([
      ...[users[2]!, null, users[0]!, users[1]!].map((u) =>
        u ? { id: String(u.id), name: u.name, createdAt: u.created_at.toISOString() } : null,
      ),
      null,
    ]);
  });

  it('Query.user and Query.me', async () => {
    const [user] = await harness.sql<{ id: number; name: string }[]>`
      select id, name from accounts.users order by id desc limit 1`;
    const result = await direct<unknown>(
      'accounts',
      `query ($id: ID!, $missing: ID!) { user(id: $id) { id name } none: user(id: $missing) { id } me { id } }`,
      { id: String(user!.id), missing: await missingId('accounts.users') },
    );
    // `me` is whoever the router's signature names: here the seeded admin, user 1.
    expect(result).toEqual({
      user: { id: String(user!.id), name: user!.name },
      none: null,
      me: { id: '1' },
    });
  });
});

describe('catalog', () => {
  it('_entities Product by id and by sku, Category by id: in order, null for unknown keys', async () => {
    const products = await harness.sql<
      { id: number; sku: string; name: string; price_amount: number }[]
    >`
      select id, sku, name, price_amount from catalog.products order by id desc limit 3`;
    const categories = await harness.sql<{ id: number; slug: string }[]>`
      select id, slug from catalog.categories order by id limit 2`;
    const [a, b, c] = [products[0]!, products[1]!, products[2]!];
    const result = await entities(
      'catalog',
      `... on Product { id sku name price { amount currency } }
       ... on Category { id slug }`,
      [
        { __typename: 'Product', id: String(b.id) },
        { __typename: 'Product', sku: a.sku },
        { __typename: 'Category', id: String(categories[1]!.id) },
        { __typename: 'Product', id: await missingId('catalog.products') },
        { __typename: 'Product', sku: 'NO-SUCH-SKU' },
        { __typename: 'Category', id: await missingId('catalog.categories') },
        { __typename: 'Product', id: String(c.id) },
        { __typename: 'Category', id: String(categories[0]!.id) },
      ],
    );
    const product = (p: typeof a) => ({
      id: String(p.id),
      sku: p.sku,
      name: p.name,
      price: { amount: p.price_amount, currency: 'USD' },
    });
    expect(result).toEqual([
      product(b),
      product(a),
      { id: String(categories[1]!.id), slug: categories[1]!.slug },
      null,
      null,
      null,
      product(c),
      { id: String(categories[0]!.id), slug: categories[0]!.slug },
    ]);
  });

  it('Query.product, Query.products and Query.categories', async () => {
    const [product] = await harness.sql<{ id: number; sku: string }[]>`
      select id, sku from catalog.products order by id limit 1`;
    const priciest = await harness.sql<{ id: number }[]>`
      select id from catalog.products order by price_amount desc, id desc limit 3`;
    const roots = await harness.sql<{ id: number }[]>`
      select id from catalog.categories where parent_id is null order by name, id`;
    const [count] = await harness.sql<
      { n: number }[]
    >`select count(*)::int as n from catalog.products`;
    const result = await direct<unknown>(
      'catalog',
      `query ($sku: String!) {
        product(sku: $sku) { id sku }
        products(first: 3, orderBy: PRICE_DESC) { totalCount nodes { id } pageInfo { hasNextPage } }
        categories(rootsOnly: true) { id } }`,
      { sku: product!.sku },
    );
    expect(result).toEqual({
      product: { id: String(product!.id), sku: product!.sku },
      products: {
        totalCount: count!.n,
        nodes: priciest.map((p) => ({ id: String(p.id) })),
        pageInfo: { hasNextPage: true },
      },
      categories: roots.map((r) => ({ id: String(r.id) })),
    });
  });
});

describe('inventory', () => {
  it('_entities Product: stock and shipping estimate, in order; a product without stock has none', async () => {
    const rows = await harness.sql<
      { product_id: number; available: number; weight_grams: number }[]
    >`
      (select s.product_id, s.available, p.weight_grams from inventory.stock s
       join catalog.products p on p.id = s.product_id where s.available = 0 order by s.product_id limit 1)
      union all
      (select s.product_id, s.available, p.weight_grams from inventory.stock s
       join catalog.products p on p.id = s.product_id where s.available > 0 order by s.product_id limit 2)`;
    expect(rows).toHaveLength(3);
    const missing = await missingId('catalog.products');
    const reps = [
      ...rows.map((r) => ({
        __typename: 'Product',
        id: String(r.product_id),
        weightGrams: r.weight_grams,
      })),
      { __typename: 'Product', id: missing, weightGrams: 700 },
    ].reverse();
    const result = await entities(
      'inventory',
      '... on Product { id inStock availableQuantity shippingEstimate { amount currency } }',
      reps,
    );
    const shipping = (grams: number) => ({
      amount: 399 + 60 * Math.max(1, Math.ceil(grams / 500)),
      currency: 'USD',
    });
    expect(result).toEqual(
      [
        ...rows.map((r) => ({
          id: String(r.product_id),
          inStock: r.available > 0,
          availableQuantity: r.available,
          shippingEstimate: shipping(r.weight_grams),
        })),
        // inventory cannot tell an unknown product from one never stocked: nothing is available.
        { id: missing, inStock: false, availableQuantity: 0, shippingEstimate: shipping(700) },
      ].reverse(),
    );
  });

  it('shippingEstimate: 399 + 60 per started 500 g, at least one unit', async () => {
    const weights = [1, 499, 500, 501, 1000, 1001, 2500, 12_345];
    const result = await entities<{ shippingEstimate: { amount: number; currency: string } }>(
      'inventory',
      '... on Product { shippingEstimate { amount currency } }',
      weights.map((weightGrams, i) => ({ __typename: 'Product', id: String(i + 1), weightGrams })),
    );
    expect(result.map((r) => r!.shippingEstimate)).toEqual(
      [459, 459, 459, 519, 519, 579, 699, 1899].map((amount) => ({ amount, currency: 'USD' })),
    );
  });
});

describe('orders', () => {
  it('_entities Order: lines, buyer and total in the order asked, null for an unknown id', async () => {
    const orders = await harness.sql<
      { id: number; buyer_id: number; status: string; total_amount: number; placed_at: Date }[]
    >`
      select id, buyer_id, status, total_amount, placed_at from orders.orders order by id limit 2`;
    const lines = await harness.sql<
      { order_id: number; product_id: number; quantity: number; unit_price_amount: number }[]
    >`
      select order_id, product_id, quantity, unit_price_amount from orders.order_lines
      where order_id in (${orders[0]!.id}, ${orders[1]!.id}) order by order_id, line_no`;
    const missing = await missingId('orders.orders');
    const result = await entities(
      'orders',
      `... on Order { id status placedAt buyer { id } total { amount currency }
         lines { quantity product { id } unitPrice { amount } lineTotal { amount } } }`,
      [
        { __typename: 'Order', id: String(orders[1]!.id) },
        { __typename: 'Order', id: missing },
        { __typename: 'Order', id: String(orders[0]!.id) },
      ],
    );
    const expected = (o: (typeof orders)[number]) => ({
      id: String(o.id),
      status: o.status,
      placedAt: o.placed_at.toISOString(),
      buyer: { id: String(o.buyer_id) },
      total: { amount: o.total_amount, currency: 'USD' },
      lines: lines
        .filter((l) => l.order_id === o.id)
        .map((l) => ({
          quantity: l.quantity,
          product: { id: String(l.product_id) },
          unitPrice: { amount: l.unit_price_amount },
          lineTotal: { amount: l.unit_price_amount * l.quantity },
        })),
    });
    expect(result).toEqual([expected(orders[1]!), null, expected(orders[0]!)]);
  });

  it('_entities User: each user with their orders, newest first', async () => {
    const [buyer] = await harness.sql<
      { buyer_id: number }[]
    >`select buyer_id from orders.orders order by id limit 1`;
    const theirs = await harness.sql<{ id: number }[]>`
      select id from orders.orders where buyer_id = ${buyer!.buyer_id} order by placed_at desc, id desc`;
    const [none] = await harness.sql<{ id: number }[]>`
      select id from accounts.users u
      where not exists (select 1 from orders.orders o where o.buyer_id = u.id) order by id limit 1`;
    const result = await entities(
      'orders',
      '... on User { id orders(first: 50) { totalCount nodes { id } } }',
      [
        { __typename: 'User', id: String(none!.id) },
        { __typename: 'User', id: String(buyer!.buyer_id) },
      ],
    );
    expect(result).toEqual([
      { id: String(none!.id), orders: { totalCount: 0, nodes: [] } },
      {
        id: String(buyer!.buyer_id),
        orders: { totalCount: theirs.length, nodes: theirs.map((o) => ({ id: String(o.id) })) },
      },
    ]);
  });

  it('Query.order', async () => {
    const [order] = await harness.sql<{ id: number; total_amount: number }[]>`
      select id, total_amount from orders.orders order by id desc limit 1`;
    const result = await direct<unknown>(
      'orders',
      `query ($id: ID!, $missing: ID!) { order(id: $id) { id total { amount } } none: order(id: $missing) { id } }`,
      { id: String(order!.id), missing: await missingId('orders.orders') },
    );
    expect(result).toEqual({
      order: { id: String(order!.id), total: { amount: order!.total_amount } },
      none: null,
    });
  });
});

describe('reviews', () => {
  it('_entities Review: in the order asked, null for an unknown id', async () => {
    const reviews = await harness.sql<
      { id: number; rating: number; body: string; product_id: number; author_id: number }[]
    >`
      select id, rating, body, product_id, author_id from reviews.reviews order by id desc limit 2`;
    const result = await entities(
      'reviews',
      '... on Review { id rating body product { id } author { id } }',
      [
        { __typename: 'Review', id: String(reviews[0]!.id) },
        { __typename: 'Review', id: await missingId('reviews.reviews') },
        { __typename: 'Review', id: String(reviews[1]!.id) },
      ],
    );
    const expected = (r: (typeof reviews)[number]) => ({
      id: String(r.id),
      rating: r.rating,
      body: r.body,
      product: { id: String(r.product_id) },
      author: { id: String(r.author_id) },
    });
    expect(result).toEqual([expected(reviews[0]!), null, expected(reviews[1]!)]);
  });

  it('_entities Product and User: review lists and rating summaries per key', async () => {
    const [product] = await harness.sql<{ id: number; n: number; average: number }[]>`
      select product_id as id, count(*)::int as n, avg(rating)::float8 as average
      from reviews.reviews group by product_id order by n desc, product_id limit 1`;
    const newest = await harness.sql<{ id: number }[]>`
      select id from reviews.reviews where product_id = ${product!.id}
      order by created_at desc, id desc limit 3`;
    const [author] = await harness.sql<{ id: number; n: number }[]>`
      select author_id as id, count(*)::int as n from reviews.reviews
      group by author_id order by n desc, author_id limit 1`;
    const [unreviewed] = await harness.sql<{ id: number }[]>`
      select id from catalog.products p
      where not exists (select 1 from reviews.reviews r where r.product_id = p.id) order by id limit 1`;
    const result = await entities<Record<string, unknown>>(
      'reviews',
      `... on Product { id rating { average count } reviews(first: 3) { totalCount nodes { id } } }
       ... on User { id reviews(first: 1) { totalCount } }`,
      [
        { __typename: 'User', id: String(author!.id) },
        { __typename: 'Product', id: String(unreviewed!.id) },
        { __typename: 'Product', id: String(product!.id) },
      ],
    );
    expect(result[0]).toEqual({ id: String(author!.id), reviews: { totalCount: author!.n } });
    expect(result[1]).toEqual({
      id: String(unreviewed!.id),
      rating: { average: null, count: 0 },
      reviews: { totalCount: 0, nodes: [] },
    });
    const top = result[2] as {
      id: string;
      rating: { average: number; count: number };
      reviews: { totalCount: number; nodes: { id: string }[] };
    };
    expect(top.id).toBe(String(product!.id));
    expect(top.rating.count).toBe(product!.n);
    expect(top.rating.average).toBeCloseTo(product!.average, 9);
    expect(top.reviews).toEqual({
      totalCount: product!.n,
      nodes: newest.map((r) => ({ id: String(r.id) })),
    });
  });

  it('Query.review', async () => {
    const [review] = await harness.sql<{ id: number; rating: number }[]>`
      select id, rating from reviews.reviews order by id limit 1`;
    const result = await direct<unknown>(
      'reviews',
      `query ($id: ID!, $missing: ID!) { review(id: $id) { id rating } none: review(id: $missing) { id } }`,
      { id: String(review!.id), missing: await missingId('reviews.reviews') },
    );
    expect(result).toEqual({
      review: { id: String(review!.id), rating: review!.rating },
      none: null,
    });
  });
});

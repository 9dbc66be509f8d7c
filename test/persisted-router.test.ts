import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestPath } from '../router/persisted/manifest';
import { loadPersistedQueries, type PersistedOperation } from '../router/persisted/manifest';
import {
  resolveOperation,
  type PersistedClient,
  type PersistedPolicy,
} from '../router/persisted/resolve';
import { resolvers as accountsResolvers } from '../subgraphs/accounts/resolvers/index';
import { errorCodes, type GraphQLBody } from './support/graphql';
import { orderTestProducts } from './support/orders';
import { useSupergraph } from './support/supergraph';

/**
 * Every listed operation runs through the router with the body its id resolves to under the
 * production policy (resolveOperation, the function the router's own resolution uses), so each
 * listed document is proven to run. How the router itself answers ids is in persisted-client.test.ts and persisted.test.ts.
 */
const supergraph = useSupergraph();
const registry = loadPersistedQueries(manifestPath);
const production: PersistedPolicy = { appFreeform: false };

function listed(name: string): PersistedOperation {
  const op = [...registry.byId.values()].find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name} in the manifest`);
  return op;
}

async function runById(
  name: string,
  variables: Record<string, unknown>,
  client: PersistedClient,
  headers: Record<string, string> = {},
): Promise<GraphQLBody> {
  const request = {
    operationName: name,
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: listed(name).id } },
  };
  const resolved = resolveOperation(request, client, production, registry);
  if (!resolved.ok) throw new Error(`${name} refused: ${resolved.code} ${resolved.message}`);
  const response = await fetch(supergraph.stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(resolved.body),
  });
  const body = (await response.json()) as GraphQLBody;
  expect(response.status, JSON.stringify(body.errors)).toBe(200);
  return body;
}

async function data<T>(
  name: string,
  variables: Record<string, unknown>,
  client: PersistedClient,
  headers: Record<string, string> = {},
): Promise<T> {
  const body = await runById(name, variables, client, headers);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

const partner: PersistedClient = { kind: 'partner' };
const app: PersistedClient = { kind: 'first-party' };

interface Seed {
  product: { id: string; sku: string; available: number };
  categoryId: string;
  buyerId: number;
}
const seed = {} as Seed;

beforeAll(async () => {
  const { sql } = supergraph;
  const [product] = await sql<{ id: number; sku: string; available: number }[]>`
    select p.id, p.sku, coalesce(s.available, 0) as available
    from catalog.products p left join inventory.stock s on s.product_id = p.id
    where s.available > 0 order by p.id limit 1`;
  const [category] = await sql<{ id: number }[]>`
    select category_id as id from catalog.products group by category_id
    order by count(*) desc limit 1`;
  const [buyer] = await sql<{ id: number }[]>`
    select buyer_id as id from orders.orders group by buyer_id order by count(*) desc limit 1`;
  if (!product || !category || !buyer)
    throw new Error('the seed has no product, category or order');
  seed.product = { id: String(product.id), sku: product.sku, available: product.available };
  seed.categoryId = String(category.id);
  seed.buyerId = buyer.id;
});

describe('partner operations by id', () => {
  it('CatalogFeed pages through the catalog with its cursor', async () => {
    interface Feed {
      products: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { cursor: string; node: { id: string; sku: string; price: { amount: number } } }[];
      };
    }
    const first = await data<Feed>('CatalogFeed', { first: 3 }, partner);
    expect(first.products.edges).toHaveLength(3);
    expect(first.products.pageInfo.hasNextPage).toBe(true);
    const next = await data<Feed>(
      'CatalogFeed',
      { first: 3, after: first.products.pageInfo.endCursor },
      partner,
    );
    const ids = [...first.products.edges, ...next.products.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(6);
    expect(next.products.totalCount).toBe(first.products.totalCount);
  });

  it('StockAvailability answers per SKU, in order, null for an unknown one, in one statement', async () => {
    const skus = [seed.product.sku, 'NOPE-000000', seed.product.sku];
    supergraph.stack.statements.reset();
    const result = await data<{
      productsBySku: ({ sku: string; inStock: boolean; availableQuantity: number } | null)[];
    }>('StockAvailability', { skus }, partner);
    expect(result.productsBySku).toEqual([
      {
        sku: seed.product.sku,
        inStock: true,
        availableQuantity: seed.product.available,
        __typename: 'Product',
      },
      null,
      {
        sku: seed.product.sku,
        inStock: true,
        availableQuantity: seed.product.available,
        __typename: 'Product',
      },
    ]);
    expect(supergraph.stack.statements.snapshot()).toEqual({ catalog: 1, inventory: 1 });
    // As many statements for 100 SKUs as for 3 (DESIGN.md §3).
    const many = await supergraph.sql<{ sku: string }[]>`
      select sku from catalog.products order by id limit 100`;
    supergraph.stack.statements.reset();
    const all = await data<{ productsBySku: ({ sku: string } | null)[] }>(
      'StockAvailability',
      { skus: many.map((r) => r.sku) },
      partner,
    );
    expect(all.productsBySku.map((p) => p?.sku)).toEqual(many.map((r) => r.sku));
    expect(supergraph.stack.statements.snapshot()).toEqual({ catalog: 1, inventory: 1 });
  });

  it('StockAvailability refuses more than 100 SKUs', async () => {
    const skus = Array.from({ length: 101 }, (_, i) => `SKU-${i}`);
    const body = await runById('StockAvailability', { skus }, partner);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toMatch(/at most 100/);
  });

  it('ProductDetail gives the product with stock, shipping and rating', async () => {
    const { product } = await data<{
      product: { id: string; sku: string; availableQuantity: number; rating: { count: number } };
    }>('ProductDetail', { sku: seed.product.sku }, partner);
    expect(product).toMatchObject({
      id: seed.product.id,
      sku: seed.product.sku,
      availableQuantity: seed.product.available,
    });
    expect(product.rating.count).toBeGreaterThanOrEqual(0);
  });
});

describe('first-party operations by id', () => {
  it('ProductPage', async () => {
    const { product } = await data<{ product: { id: string; reviews: { nodes: unknown[] } } }>(
      'ProductPage',
      { id: seed.product.id },
      app,
    );
    expect(product.id).toBe(seed.product.id);
    expect(Array.isArray(product.reviews.nodes)).toBe(true);
  });

  it('CategoryListing', async () => {
    const result = await data<{
      category: { id: string };
      products: { totalCount: number; nodes: unknown[] };
    }>('CategoryListing', { categoryId: seed.categoryId, first: 5, orderBy: 'PRICE_ASC' }, app);
    expect(result.category.id).toBe(seed.categoryId);
    expect(result.products.totalCount).toBeGreaterThan(0);
    expect(result.products.nodes.length).toBeGreaterThan(0);
  });

  it('SearchProducts', async () => {
    const word = (
      await supergraph.sql<{ word: string }[]>`
      select split_part(name, ' ', 1) as word from catalog.products order by id limit 1`
    )[0]!.word;
    const { products } = await data<{ products: { totalCount: number } }>(
      'SearchProducts',
      { text: word, first: 5 },
      app,
    );
    expect(products.totalCount).toBeGreaterThan(0);
  });

  it('CategoryTree', async () => {
    const { categories } = await data<{ categories: { children: unknown[] }[] }>(
      'CategoryTree',
      {},
      app,
    );
    expect(categories.length).toBeGreaterThan(0);
    expect(categories.some((c) => c.children.length > 0)).toBe(true);
  });

  it('MyOrders, as the signed-in buyer', async () => {
    const { me } = await data<{ me: { id: string; orders: { totalCount: number } } }>(
      'MyOrders',
      { first: 3 },
      app,
      await supergraph.stack.authAs(seed.buyerId),
    );
    expect(me.id).toBe(String(seed.buyerId));
    expect(me.orders.totalCount).toBeGreaterThan(0);
  });

  // Mutation.signUp/logIn are in the supergraph; their resolvers arrive with the accounts work
  // (issue 3). Until then these two are skipped rather than failing on a missing resolver.
  const accountsMutations = Object.keys(accountsResolvers).includes('Mutation');
  it.skipIf(!accountsMutations)('SignUp, then LogIn with the same credentials', async () => {
    const email = `persisted-${Date.now()}@example.com`;
    const password = 'correct horse battery staple';
    const signedUp = await data<{ signUp: { token: string | null; errors: unknown[] } }>(
      'SignUp',
      { name: 'Persisted Query', email, password },
      app,
    );
    expect(signedUp.signUp.errors).toEqual([]);
    expect(signedUp.signUp.token).toEqual(expect.any(String));
    const loggedIn = await data<{
      logIn: { token: string | null; user: { email: string }; errors: unknown[] };
    }>('LogIn', { email, password }, app);
    expect(loggedIn.logIn.errors).toEqual([]);
    expect(loggedIn.logIn.user.email).toBe(email);
  });
});

describe('first-party writes by id', () => {
  const products = orderTestProducts(supergraph, `PQW-${process.pid}`);
  let product: number;
  let buyer: Record<string, string>;
  beforeAll(async () => {
    product = await products.create(5, 1_250);
    buyer = await supergraph.stack.authAs(170);
  });
  afterAll(async () => {
    await supergraph.sql`delete from reviews.reviews where product_id = ${product}`;
    await products.removeAll();
  });

  it('PlaceOrder, then CancelOrder: the stock is held, then returned', async () => {
    interface Placed {
      placeOrder: { order: { id: string; status: string; total: { amount: number } } };
    }
    const placed = await data<Placed>(
      'PlaceOrder',
      {
        idempotencyKey: `persisted-${process.pid}`,
        lines: [{ productId: String(product), quantity: 2 }],
      },
      app,
      buyer,
    );
    expect(placed.placeOrder.order).toMatchObject({
      status: 'CONFIRMED',
      total: { amount: 2_500 },
    });
    const cancelled = await data<{ cancelOrder: { order: { status: string } } }>(
      'CancelOrder',
      { id: placed.placeOrder.order.id },
      app,
      buyer,
    );
    expect(cancelled.cancelOrder.order.status).toBe('CANCELLED');
    const [stock] = await supergraph.sql<{ available: number }[]>`
      select available from inventory.stock where product_id = ${product}`;
    expect(stock!.available).toBe(5);
  });

  it('AddReview: the rating counts it at once', async () => {
    const added = await data<{
      addReview: { review: { product: { rating: { average: number; count: number } } } };
    }>('AddReview', { productId: String(product), rating: 4, body: 'Does the job.' }, app, buyer);
    expect(added.addReview.review.product.rating).toMatchObject({ average: 4, count: 1 });
  });
});

describe('the list, through the router', () => {
  it('is complete: every listed operation is exercised above', () => {
    expect([...registry.byId.values()].map((o) => o.name).sort()).toEqual([
      'AddReview',
      'CancelOrder',
      'CatalogFeed',
      'CategoryListing',
      'CategoryTree',
      'LogIn',
      'MyOrders',
      'PlaceOrder',
      'ProductDetail',
      'ProductPage',
      'SearchProducts',
      'SignUp',
      'StockAvailability',
    ]);
  });
});

describe('a client mistake in APQ', () => {
  it('a hash that does not name its query is PERSISTED_QUERY_HASH_MISMATCH (400), for every client', async () => {
    const body = {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    };
    for (const policy of [production, { appFreeform: true }]) {
      for (const client of [partner, app]) {
        expect(resolveOperation(body, client, policy, registry)).toMatchObject({
          ok: false,
          status: 400,
          code: 'PERSISTED_QUERY_HASH_MISMATCH',
        });
      }
    }
    const response = await fetch(supergraph.stack.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(errorCodes((await response.json()) as GraphQLBody)).toEqual([
      'PERSISTED_QUERY_HASH_MISMATCH',
    ]);
  });
});

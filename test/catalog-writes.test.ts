import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, gql, type GraphQLBody } from './support/graphql';
import { useSupergraph } from './support/supergraph';

/**
 * Catalog writes are for admins (DESIGN.md §2, issue 3), validated, reported as UserErrors when
 * expected, and visible through the router at once — from inventory and reviews too.
 */
const supergraph = useSupergraph();

// The products made here are removed afterwards: other files list the newest products and
// expect the seed's (with their reviews) at the top.
afterAll(async () => {
  await supergraph.sql`delete from catalog.products where sku like ${`TST-${process.pid}-%`}`;
});

const CREATE = `mutation ($input: CreateProductInput!) {
  createProduct(input: $input) {
    product { id sku name price { amount currency } weightGrams category { id } }
    errors { code field message } } }`;
const UPDATE = `mutation ($input: UpdateProductInput!) {
  updateProduct(input: $input) { product { id sku name price { amount } } errors { code field } } }`;

interface Payload {
  product: { id: string; sku: string; name: string; price: { amount: number } } | null;
  errors: { code: string; field: string | null }[];
}

let categoryId: string;
let customer: Record<string, string>;
let serial = 0;
const newSku = () => `TST-${process.pid}-${++serial}`;
const valid = () => ({
  sku: newSku(),
  name: 'Test Kettle',
  description: 'Boils water, quietly.',
  price: { amount: 3999 },
  weightGrams: 1200,
  categoryId,
});

beforeAll(async () => {
  const [row] = await supergraph.sql<
    { id: number }[]
  >`select id from catalog.categories order by id limit 1`;
  categoryId = String(row!.id);
  customer = await supergraph.stack.authAs(2, ['CUSTOMER']);
});

const send = (query: string, input: object, headers: Record<string, string>) =>
  gql(supergraph.stack.routerUrl, query, { input }, headers);
const payload = (body: GraphQLBody, field: string) => body.data?.[field] as Payload;
const productCount = async () =>
  (await supergraph.sql<{ n: number }[]>`select count(*)::int as n from catalog.products`)[0]!.n;

describe('who may write', () => {
  it.each([
    ['an anonymous caller', {} as Record<string, string>, 'UNAUTHENTICATED'],
    ['a customer', null, 'FORBIDDEN'],
  ])('%s may not create or update products', async (_who, headers, code) => {
    const before = await productCount();
    const created = await send(CREATE, valid(), headers ?? customer);
    expect(errorCodes(created.body)).toEqual([code]);
    expect(created.body.data ?? null).toBeNull();
    const updated = await send(UPDATE, { id: '1', name: 'Hijacked' }, headers ?? customer);
    expect(errorCodes(updated.body)).toEqual([code]);
    expect(await productCount()).toBe(before);
  });
});

describe('an admin', () => {
  it('creates a product that every subgraph serves at once', async () => {
    const input = { ...valid(), sku: `  tst-${process.pid}-lower ` };
    const { body } = await send(CREATE, input, supergraph.admin);
    const created = payload(body, 'createProduct');
    expect(created.errors).toEqual([]);
    expect(created.product).toMatchObject({
      sku: `TST-${process.pid}-LOWER`,
      name: 'Test Kettle',
      price: { amount: 3999 },
    });
    const seen = await gql(
      supergraph.stack.routerUrl,
      `query ($sku: String!) { product(sku: $sku) { id name inStock availableQuantity shippingEstimate { amount }
        rating { count average } reviews { totalCount } } }`,
      { sku: created.product!.sku },
    );
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data?.product).toEqual({
      id: created.product!.id,
      name: 'Test Kettle',
      inStock: false,
      availableQuantity: 0,
      shippingEstimate: { amount: 399 + 60 * 3 },
      rating: { count: 0, average: null },
      reviews: { totalCount: 0 },
    });
  });

  it.each([
    ['sku', { sku: 'no spaces allowed' }, 'INVALID_SKU'],
    ['name', { name: '   ' }, 'INVALID_NAME'],
    ['description', { description: 'x'.repeat(5001) }, 'INVALID_DESCRIPTION'],
    ['price', { price: { amount: 0 } }, 'INVALID_PRICE'],
    ['price', { price: { amount: 100, currency: 'EUR' } }, 'UNSUPPORTED_CURRENCY'],
    ['weightGrams', { weightGrams: -5 }, 'INVALID_WEIGHT'],
    ['categoryId', { categoryId: '999999' }, 'UNKNOWN_CATEGORY'],
    ['categoryId', { categoryId: 'abc' }, 'UNKNOWN_CATEGORY'],
  ])('gets %s errors as UserErrors and nothing is written (%o)', async (field, change, code) => {
    const before = await productCount();
    const { body } = await send(CREATE, { ...valid(), ...change }, supergraph.admin);
    expect(body.errors).toBeUndefined();
    const result = payload(body, 'createProduct');
    expect(result.product).toBeNull();
    expect(result.errors).toContainEqual(expect.objectContaining({ code, field }));
    expect(await productCount()).toBe(before);
  });

  it('reports every invalid field at once', async () => {
    const { body } = await send(
      CREATE,
      { ...valid(), name: '', weightGrams: 0, price: { amount: -1 } },
      supergraph.admin,
    );
    expect(
      payload(body, 'createProduct')
        .errors.map((e) => e.code)
        .sort(),
    ).toEqual(['INVALID_NAME', 'INVALID_PRICE', 'INVALID_WEIGHT']);
  });

  it('cannot reuse a SKU, even when ten try at once', async () => {
    const sku = newSku();
    const before = await productCount();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => send(CREATE, { ...valid(), sku }, supergraph.admin)),
    );
    const outcomes = results.map(({ body }) => payload(body, 'createProduct'));
    expect(outcomes.filter((o) => o.product !== null)).toHaveLength(1);
    expect(outcomes.filter((o) => o.errors[0]?.code === 'SKU_TAKEN')).toHaveLength(9);
    expect(await productCount()).toBe(before + 1);
  });

  it('updates a product: the change is visible at once; unknown ids and taken SKUs are UserErrors', async () => {
    const created = payload(
      (await send(CREATE, valid(), supergraph.admin)).body,
      'createProduct',
    ).product!;
    const other = payload(
      (await send(CREATE, valid(), supergraph.admin)).body,
      'createProduct',
    ).product!;
    const updated = payload(
      (
        await send(
          UPDATE,
          { id: created.id, name: 'Renamed Kettle', price: { amount: 4599 } },
          supergraph.admin,
        )
      ).body,
      'updateProduct',
    );
    expect(updated.errors).toEqual([]);
    const seen = await gql(
      supergraph.stack.routerUrl,
      `query ($id: ID!) { product(id: $id) { name price { amount } sku } }`,
      {
        id: created.id,
      },
    );
    expect(seen.body.data?.product).toEqual({
      name: 'Renamed Kettle',
      price: { amount: 4599 },
      sku: created.sku,
    });

    const missing = payload(
      (await send(UPDATE, { id: '99999999', name: 'Ghost' }, supergraph.admin)).body,
      'updateProduct',
    );
    expect(missing.errors).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);
    const clash = payload(
      (await send(UPDATE, { id: created.id, sku: other.sku }, supergraph.admin)).body,
      'updateProduct',
    );
    expect(clash.errors).toEqual([{ code: 'SKU_TAKEN', field: 'sku' }]);
  });
});

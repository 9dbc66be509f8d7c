import { afterAll, describe, expect, it } from 'vitest';
import { gql, type GraphQLBody } from './support/graphql';
import { useSupergraph } from './support/supergraph';

/**
 * SQL-injection strings in every string argument of the public API: each comes back as a typed
 * UserError, a null, an empty list or stored literally — never an SQL error or a 5xx. (The read
 * arguments — search, sku, slug, ids — are covered by test/filters.test.ts.)
 */
const supergraph = useSupergraph();

// The products made here are removed afterwards: other files list the newest products and
// expect the seed's (with their reviews) at the top.
afterAll(async () => {
  await supergraph.sql`delete from catalog.products where sku like ${`INJ-${process.pid}-%`}`;
});
const injections = [
  "' OR 1=1 --",
  "'); DROP TABLE accounts.users; --",
  '" OR ""="',
  "\\'; SELECT pg_sleep(5); --",
];

function noServerFault(status: number, body: GraphQLBody): void {
  expect(status).toBeLessThan(500);
  expect(JSON.stringify(body)).not.toMatch(/syntax error at|relation "|SQL|INTERNAL_SERVER_ERROR/i);
}

describe.each(injections)('the string %j', (text) => {
  it('in signUp and logIn: UserErrors, nothing else', async () => {
    const signUp = await gql(
      supergraph.stack.routerUrl,
      `mutation ($input: SignUpInput!) { signUp(input: $input) { token errors { code field } } }`,
      { input: { name: text, email: text, password: text } },
    );
    noServerFault(signUp.status, signUp.body);
    const codes = (signUp.body.data?.signUp as { errors: { code: string }[] }).errors.map(
      (e) => e.code,
    );
    expect(codes).toContain('INVALID_EMAIL');
    const logIn = await gql(
      supergraph.stack.routerUrl,
      `mutation ($input: LogInInput!) { logIn(input: $input) { token errors { code } } }`,
      { input: { email: text, password: text } },
    );
    noServerFault(logIn.status, logIn.body);
    expect(logIn.body.data?.logIn).toEqual({
      token: null,
      errors: [{ code: 'INVALID_CREDENTIALS' }],
    });
  });

  it('in createProduct: a bad SKU is a UserError; a name is stored literally', async () => {
    const { status, body } = await gql(
      supergraph.stack.routerUrl,
      `mutation ($input: CreateProductInput!) { createProduct(input: $input) { product { name description } errors { code } } }`,
      {
        input: {
          sku: text,
          name: text,
          description: text,
          price: { amount: 100 },
          weightGrams: 10,
          categoryId: '1',
        },
      },
      supergraph.admin,
    );
    noServerFault(status, body);
    expect(
      (body.data?.createProduct as { errors: { code: string }[] }).errors.map((e) => e.code),
    ).toEqual(['INVALID_SKU']);
    const named = await gql(
      supergraph.stack.routerUrl,
      `mutation ($input: CreateProductInput!) { createProduct(input: $input) { product { name description } errors { code } } }`,
      {
        input: {
          sku: `INJ-${process.pid}-${injections.indexOf(text)}`,
          name: text.trim(),
          description: text,
          price: { amount: 100 },
          weightGrams: 10,
          categoryId: '1',
        },
      },
      supergraph.admin,
    );
    noServerFault(named.status, named.body);
    expect(named.body.data?.createProduct).toEqual({
      product: { name: text.trim(), description: text.trim() },
      errors: [],
    });
  });

  it('in productsBySku and category(slug): nulls', async () => {
    const { status, body } = await gql(
      supergraph.stack.routerUrl,
      `query ($s: String!) { productsBySku(skus: [$s, $s]) { id } category(slug: $s) { id } }`,
      { s: text },
    );
    noServerFault(status, body);
    expect(body.data).toEqual({ productsBySku: [null, null], category: null });
  });
});

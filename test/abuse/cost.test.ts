import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/**
 * Cost explosion: the estimated cost (a field 1, a list's subtree × its `first` — 20 when absent
 * — or × 10 for a list without `first`) may not exceed MAX_COST (20 000). Checked once the
 * operation and its variables are known, before the query plan runs.
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

function expectTooExpensive(
  response: Awaited<ReturnType<typeof post>>,
  estimated: number | undefined,
) {
  expect(response.status).toBe(400);
  expect(codes(response.body)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
  const error = response.body.errors![0]!;
  expect(error.extensions?.cost).toMatchObject({ max: 20_000 });
  if (estimated !== undefined) {
    expect(error.extensions?.cost).toEqual({ estimated, max: 20_000 });
    expect(error.message).toBe(
      `Operation estimated cost ${estimated} exceeded configured maximum 20000`,
    );
  }
  abuse.expectNothingRan();
}

describe('cost explosion', () => {
  it('refuses 100 products × 100 reviews', async () => {
    const query = `{ products(first: 100) { nodes { reviews(first: 100) { nodes { body } } } } }`;
    // 1 + 100 × (nodes 1 + reviews (1 + 100 × (nodes 1 + body 1)))
    expectTooExpensive(await post(abuse.stack.routerUrl, query), 20_201);
  });

  it('refuses a huge `first`', async () => {
    const query = `{ products(first: 1000000000) { nodes { id } } }`;
    expectTooExpensive(await post(abuse.stack.routerUrl, query), 1 + 1_000_000_000 * 2);
  });

  it('reads `first` from variables and from variable defaults', async () => {
    const query = `query ($n: Int) { products(first: $n) { nodes { id } } }`;
    expectTooExpensive(await post(abuse.stack.routerUrl, query, { n: 100_000 }), 200_001);
    abuse.reset();
    const defaulted = `query ($n: Int = 100000) { products(first: $n) { nodes { id } } }`;
    expectTooExpensive(await post(abuse.stack.routerUrl, defaulted), 200_001);
  });

  it('assumes 10 items for a list without `first`, and 20 when `first` is omitted', async () => {
    const query = `{ categories { products(first: 100) { nodes { reviews { nodes { body } } } } } }`;
    // categories (10) × products (100) × reviews (default 20): 1 + 10 × (1 + 100 × (1 + 1 + 20 × 2))
    expectTooExpensive(await post(abuse.stack.routerUrl, query), 42_011);
  });

  it('refuses a fragment bomb (each fragment spreads the next ten times) quickly', async () => {
    const fragments = Array.from(
      { length: 6 },
      (_, i) => `fragment F${i + 1} on Product { ${`...F${i} `.repeat(10)}}`,
    ).join('\n');
    const query = `{ product(id: "1") { ...F6 } }\nfragment F0 on Product { id }\n${fragments}`;
    const started = Date.now();
    expectTooExpensive(await post(abuse.stack.routerUrl, query), 1 + 1_000_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses the cheapest operation over the limit (20 001)', async () => {
    const query = `{ products(first: 100) { nodes { reviews(first: 99) { nodes { body } } } } }`;
    expectTooExpensive(await post(abuse.stack.routerUrl, query), 20_001);
  });

  it('answers 100 products with 98 reviews each (cost 19 801)', async () => {
    const query = `{ products(first: 100) { nodes { reviews(first: 98) { nodes { body } } } } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect((body.data as { products: { nodes: unknown[] } }).products.nodes).toHaveLength(100);
  });
});

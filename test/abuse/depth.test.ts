import { getIntrospectionQuery } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/** Deep nesting: MAX_DEPTH (default 10) refuses it before any subgraph is called. */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

/**
 * product → reviews → nodes → product → …: `levels` fields deep as depth counts them (`nodes`,
 * connection plumbing, is free), the last one a leaf.
 */
function nested(levels: number): string {
  const cycle = ['product', 'reviews(first: 1)', 'nodes'];
  const chain = ['product(id: "1")'];
  for (let i = 1, counted = 1; counted < levels - 1; i++) {
    const field = cycle[i % 3]!;
    chain.push(field);
    if (field !== 'nodes') counted++;
  }
  // A connection's leaf is its count; a product's, its id.
  const leaf = chain.at(-1)!.startsWith('reviews') ? 'totalCount' : 'id';
  return `{ ${chain.join(' { ')} { ${leaf}${' }'.repeat(chain.length)} }`;
}

describe('deep nesting', () => {
  it('refuses an operation one level deeper than the limit', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, nested(11));
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_DEPTH_LIMIT']);
    expect(body.errors![0]!.message).toBe('Query depth limit of 10 exceeded, found 11.');
    abuse.expectNothingRan();
  });

  it('counts fields inside fragments (fragments add no level)', async () => {
    // product, reviews, then P: (product, reviews) × 4 and a count — 11 levels, `nodes` free.
    const query = `{ product(id: "1") { ...R } }
      fragment R on Product { reviews(first: 1) { nodes { ...P } } }
      fragment P on Review { product { reviews(first: 1) { nodes { product { reviews(first: 1) { nodes { product { reviews(first: 1) { nodes { product { reviews(first: 1) { totalCount } } } } } } } } } } } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_DEPTH_LIMIT']);
    expect(body.errors![0]!.message).toMatch(/found 11\.$/);
    abuse.expectNothingRan();
  });

  it('does not exempt a fragment named __schema (graphql-armor advisory GHSA-224p-v68g-5g8f)', async () => {
    const query = `{ ...__schema } fragment __schema on Query ${nested(11)}`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toContain('MAX_DEPTH_LIMIT');
    abuse.expectNothingRan();
  });

  it('refuses 10,000 levels at the parser (token limit), without overflowing the stack', async () => {
    const query = `{ ${'product { '.repeat(10_000)}id${' }'.repeat(10_000)} }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_TOKENS_LIMIT']);
    abuse.expectNothingRan();
  });

  it('answers an operation exactly at the limit', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, nested(10));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data?.product).toBeTruthy();
  });

  it('does not count connection plumbing: a five-hop Relay query passes, and its cost is what is checked', async () => {
    // products → reviews → author → reviews → product: 13 fields deep with edges and node, 6 as
    // depth counts them.
    const query = `{ products(first: 2) { edges { node { reviews(first: 2) { edges { node {
      author { reviews(first: 2) { edges { node { product { name } } } } } } } } } } } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    // Plumbing cannot hide depth: products, (reviews, product) × 4, reviews and a count —
    // eleven real levels among the plumbing — are still refused.
    const hops = [
      ...Array.from({ length: 4 }, () => ['reviews(first: 1)', 'nodes', 'product']).flat(),
      'reviews(first: 1)',
    ];
    const deep = `{ products(first: 1) { edges { node { ${hops.join(' { ')} { totalCount${' }'.repeat(hops.length)} } } } }`;
    const refused = await post(abuse.stack.routerUrl, deep);
    expect(codes(refused.body)).toEqual(['MAX_DEPTH_LIMIT']);
  });

  it('exempts introspection, which the explorer needs in development (15 levels deep)', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, getIntrospectionQuery());
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data?.__schema).toBeTruthy();
    abuse.expectNothingRan();
  });
});

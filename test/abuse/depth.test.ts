import { getIntrospectionQuery } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/** Deep nesting: MAX_DEPTH (default 10) refuses it before any subgraph is called. */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

/** product → reviews → nodes → product → …: `levels` fields deep, the last one `id`. */
function nested(levels: number): string {
  const chain = Array.from({ length: levels - 1 }, (_, i) =>
    i === 0 ? 'product(id: "1")' : ['product', 'reviews(first: 1)', 'nodes'][i % 3],
  );
  return `{ ${chain.join(' { ')} { id${' }'.repeat(chain.length)} }`;
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
    const query = `{ product(id: "1") { ...R } }
      fragment R on Product { reviews(first: 1) { nodes { ...P } } }
      fragment P on Review { product { reviews(first: 1) { nodes { product { reviews(first: 1) {
        nodes { product { id } } } } } } } }`;
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

  it('exempts introspection, which the explorer needs in development (15 levels deep)', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, getIntrospectionQuery());
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data?.__schema).toBeTruthy();
    abuse.expectNothingRan();
  });
});

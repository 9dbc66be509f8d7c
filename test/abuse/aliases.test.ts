import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/** Alias flood: MAX_ALIASES (default 15, graphql-armor's) refuses it before any subgraph runs. */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

const aliased = (count: number, field = 'name') =>
  Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

describe('alias flood', () => {
  it('refuses one alias more than the limit', async () => {
    const query = `{ products(first: 1) { nodes { ${aliased(16)} } } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_ALIASES_LIMIT']);
    expect(body.errors![0]!.message).toBe('Aliases limit of 15 exceeded, found 16.');
    abuse.expectNothingRan();
  });

  it('counts the aliases of fragments, at every spread', async () => {
    const query = `{ products(first: 1) { nodes { ...A } } product(id: "1") { ...A } }
      fragment A on Product { ${aliased(8)} }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_ALIASES_LIMIT']);
    expect(body.errors![0]!.message).toMatch(/found 16\.$/);
    abuse.expectNothingRan();
  });

  it('refuses a brute-force style flood of aliased root fields (aliases and root fields)', async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `p${i}: product(sku: "ELE-${i}") { id }`).join(' ')} }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body).sort()).toEqual(['MAX_ALIASES_LIMIT', 'MAX_ROOT_FIELDS_LIMIT']);
    abuse.expectNothingRan();
  });

  it('answers 15 aliases', async () => {
    const query = `{ products(first: 1) { nodes { ${aliased(15)} } } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const node = (body.data as { products: { nodes: Record<string, string>[] } }).products
      .nodes[0]!;
    expect(Object.keys(node)).toHaveLength(15);
  });
});

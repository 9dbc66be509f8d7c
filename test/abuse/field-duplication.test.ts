import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/**
 * Field duplication (`name name name …`). Neither graphql-armor nor Apollo Router has a limit of
 * its own for it (Apollo's max_height deliberately counts a repeated field once); both rely on
 * the token limit. Here the estimated cost also counts every repeat, and repeats at the root
 * count against the root-field limit.
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

describe('field duplication', () => {
  it('refuses 200 repeats of a field in a 100-item list by cost', async () => {
    const query = `{ products(first: 100) { nodes { ${'name '.repeat(200)}} } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(body.errors![0]!.extensions?.cost).toEqual({ estimated: 20_101, max: 20_000 });
    abuse.expectNothingRan();
  });

  it('refuses repeats at the root by the root-field limit', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, `{ ${'__typename '.repeat(30)}}`);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_ROOT_FIELDS_LIMIT']);
    abuse.expectNothingRan();
  });

  it('stops graphql-js’s pairwise field comparison early on hundreds of repeats', async () => {
    // graphql 16.15 (this project's) meters OverlappingFieldsCanBeMergedRule (a budget of 500,000 comparisons)
    // and aborts validation beyond it: the quadratic blow-up of repeated fields is bounded.
    const { status, body } = await post(abuse.stack.routerUrl, `{ ${'__typename '.repeat(900)}}`);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_ROOT_FIELDS_LIMIT', 'GRAPHQL_VALIDATION_FAILED']);
    expect(body.errors![1]!.message).toBe('Validation aborted.');
    abuse.expectNothingRan();
  });

  it('refuses thousands of repeats at the parser (token limit)', async () => {
    const query = `{ products(first: 1) { nodes { ${'name '.repeat(5_000)}} } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_TOKENS_LIMIT']);
    abuse.expectNothingRan();
  });

  it('answers a few repeats (valid GraphQL: they merge)', async () => {
    const query = `{ products(first: 3) { nodes { name name id name } } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect((body.data as { products: { nodes: unknown[] } }).products.nodes).toHaveLength(3);
  });
});

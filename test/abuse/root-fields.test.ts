import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/** Root-field flood: MAX_ROOT_FIELDS (default 20, Apollo Router's documented example). */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

const roots = (count: number) => Array.from({ length: count }, () => 'product(id: "1") { id }');

describe('root-field flood', () => {
  it('refuses 21 root fields, repeated ones included', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, `{ ${roots(21).join(' ')} }`);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_ROOT_FIELDS_LIMIT']);
    expect(body.errors![0]!.message).toBe('Root fields limit of 20 exceeded, found 21.');
    abuse.expectNothingRan();
  });

  it('counts root fields of fragments and inline fragments, at every spread', async () => {
    const query = `{ ...R ... on Query { __typename } ...R } fragment R on Query { ${roots(10).join(' ')} }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_ROOT_FIELDS_LIMIT']);
    expect(body.errors![0]!.message).toMatch(/found 21\.$/);
    abuse.expectNothingRan();
  });

  it('answers 20 root fields', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, `{ ${roots(20).join(' ')} }`);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data).toEqual({ product: { id: '1' } });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/**
 * Circular fragments: a validation error (graphql's NoFragmentCyclesRule), never a stack
 * overflow — the limit rules that follow spreads (depth, aliases, directives, root fields, cost)
 * are cycle-safe.
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

async function expectCycle(query: string, message: string) {
  const { status, body } = await post(abuse.stack.routerUrl, query);
  expect(status).toBe(400);
  expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(body.errors!.map((e) => e.message)).toEqual([message]);
  abuse.expectNothingRan();
}

describe('circular fragments', () => {
  it('refuses a fragment that spreads itself', async () => {
    await expectCycle(
      `{ ...A } fragment A on Query { __typename ...A }`,
      'Cannot spread fragment "A" within itself.',
    );
  });

  it('refuses two fragments spreading each other at the root', async () => {
    await expectCycle(
      `{ ...A } fragment A on Query { product(id: "1") { id } ...B } fragment B on Query { ...A }`,
      'Cannot spread fragment "A" within itself via "B".',
    );
  });

  it('refuses a cycle through nested fields, with aliases and directives in it', async () => {
    await expectCycle(
      `{ product(id: "1") { ...P } }
       fragment P on Product { c: category @include(if: true) { ...C } }
       fragment C on Category { p: products(first: 100) { nodes { ...P } } }`,
      'Cannot spread fragment "P" within itself via "C".',
    );
  });

  it('refuses a long cycle of a hundred fragments', async () => {
    const fragments = Array.from(
      { length: 100 },
      (_, i) => `fragment F${i} on Query { ...F${(i + 1) % 100} }`,
    );
    const via = Array.from({ length: 99 }, (_, i) => `"F${i + 1}"`).join(', ');
    await expectCycle(
      `{ ...F0 } ${fragments.join(' ')}`,
      `Cannot spread fragment "F0" within itself via ${via}.`,
    );
  });

  it('answers a fragment reused without a cycle', async () => {
    const query = `{ product(id: "1") { ...P category { products(first: 2) { nodes { ...P } } } } }
      fragment P on Product { id name }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

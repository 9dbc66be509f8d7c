import { beforeEach, describe, expect, it } from 'vitest';
import { codes, send, useAbuseStack } from './support';

/**
 * Deeply nested JSON in variables: a clear 400 (MAX_VARIABLES_DEPTH_LIMIT: at most 128 levels
 * of arrays and objects, the variables object included — serde_json's default, as in Apollo
 * Router), never a crash or a stack overflow; and nothing runs.
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

/** `{"a":{"a":…}}` or `[[…]]`, `depth` levels, written as JSON text (not built as objects). */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const request = (query: string, variables: string) =>
  `{"query":${JSON.stringify(query)},"variables":${variables}}`;

const filterQuery = 'query ($f: ProductFilter) { products(first: 1, filter: $f) { nodes { id } } }';
const plainQuery = '{ products(first: 1) { nodes { id } } }';

async function expectTooDeep(body: string, variable: string) {
  const { status, body: answer } = await send(abuse.stack.routerUrl, body);
  expect(status).toBe(400);
  expect(codes(answer)).toEqual(['MAX_VARIABLES_DEPTH_LIMIT']);
  expect(answer.errors![0]!.message).toBe(
    `Variable "$${variable}" is nested more than 128 levels deep.`,
  );
  abuse.expectNothingRan();
}

describe('deeply nested variables', () => {
  it('refuses a 10,000-deep object given to an input object', async () => {
    await expectTooDeep(request(filterQuery, `{"f":${nestedObject(10_000)}}`), 'f');
  });

  it('refuses a 10,000-deep array given to an Int', async () => {
    const query = 'query ($n: Int) { products(first: $n) { nodes { id } } }';
    await expectTooDeep(request(query, `{"n":${nestedArray(10_000)}}`), 'n');
  });

  it('refuses a 100,000-deep value even in a variable the operation does not declare', async () => {
    await expectTooDeep(request(plainQuery, `{"x":${nestedObject(100_000)}}`), 'x');
  });

  it('refuses one level more than the limit', async () => {
    await expectTooDeep(request(plainQuery, `{"x":${nestedObject(128)}}`), 'x');
  });

  it('leaves shallower mismatches to GraphQL: 400 BAD_USER_INPUT', async () => {
    const { status, body } = await send(
      abuse.stack.routerUrl,
      request(filterQuery, `{"f":{"search":${nestedObject(5)}}}`),
    );
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    abuse.expectNothingRan();
  });

  it('answers 128 levels (an unused variable is ignored)', async () => {
    const { status, body } = await send(
      abuse.stack.routerUrl,
      request(plainQuery, `{"x":${nestedObject(127)}}`),
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  it('answers a filter nested as the schema allows', async () => {
    const { status, body } = await send(
      abuse.stack.routerUrl,
      request(filterQuery, '{"f":{"search":"wireless","maxPrice":100000}}'),
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

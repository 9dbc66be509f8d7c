import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../router/serve';
import { codes, post, startRouter, useAbuseStack } from './support';

/**
 * Schema discovery: introspection and field suggestions ("Did you mean …?") are off when
 * NODE_ENV=production and on otherwise (the explorer needs them; DESIGN.md §4).
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

const filterQuery = 'query ($f: ProductFilter) { products(first: 1, filter: $f) { nodes { id } } }';
const orderQuery = 'query ($o: ProductOrder) { products(first: 1, orderBy: $o) { nodes { id } } }';

describe('in production', () => {
  let production: RunningRouter;
  beforeAll(async () => {
    // Production takes only persisted operations from apps unless told otherwise; these
    // hand-written probes stand for what a first-party client may send when that is allowed.
    production = await startRouter(abuse.stack, {
      NODE_ENV: 'production',
      APP_FREEFORM_OPERATIONS: 'true',
    });
  });
  afterAll(() => production?.stop());

  it('refuses introspection', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "User") { fields { name } } }',
    ]) {
      const { status, body } = await post(production.url, query);
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(body.errors![0]!.message).toMatch(/^GraphQL introspection is not allowed/);
    }
    abuse.expectNothingRan();
  });

  it('names no other field, argument or enum value in validation errors', async () => {
    const cases: [string, string][] = [
      ['{ productz { id } }', 'Cannot query field "productz" on type "Query".'],
      [
        '{ products(frist: 1) { nodes { id } } }',
        'Unknown argument "frist" on field "Query.products".',
      ],
      [
        '{ products(orderBy: PRICE_AS) { nodes { id } } }',
        'Value "PRICE_AS" does not exist in "ProductOrder" enum.',
      ],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await post(production.url, query);
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(body.errors![0]!.message).toBe(message);
    }
    abuse.expectNothingRan();
  });

  it('names no other input field or enum value in variable errors', async () => {
    for (const [query, variables, message] of [
      [
        filterQuery,
        { f: { serch: 'x' } },
        'Variable "$f" got invalid value { serch: "x" }; Field "serch" is not defined by type "ProductFilter".',
      ],
      [
        orderQuery,
        { o: 'PRICE_AS' },
        'Variable "$o" got invalid value "PRICE_AS"; Value "PRICE_AS" does not exist in "ProductOrder" enum.',
      ],
    ] as const) {
      const { status, body } = await post(production.url, query, variables);
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0]!.message).toBe(message);
    }
    abuse.expectNothingRan();
  });

  it('answers __typename and ordinary queries', async () => {
    const { status, body } = await post(
      production.url,
      '{ __typename products(first: 1) { totalCount } }',
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

describe('in development', () => {
  it('answers introspection', async () => {
    const { status, body } = await post(
      abuse.stack.routerUrl,
      '{ __schema { queryType { name } } }',
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('suggests fields, arguments, enum values and input fields', async () => {
    const suggestions: [string, Record<string, unknown> | undefined, string][] = [
      ['{ productz { id } }', undefined, 'Did you mean "product" or "products"?'],
      ['{ products(frist: 1) { nodes { id } } }', undefined, 'Did you mean "first"?'],
      [filterQuery, { f: { serch: 'x' } }, 'Did you mean "search"?'],
    ];
    for (const [query, variables, suggestion] of suggestions) {
      const { body } = await post(abuse.stack.routerUrl, query, variables);
      expect(body.errors![0]!.message).toContain(suggestion);
    }
  });
});

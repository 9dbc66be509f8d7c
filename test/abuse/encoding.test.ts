import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, send, useAbuseStack } from './support';

/**
 * Invalid UTF-8 and lone surrogates: a 400 or handled data, never a 5xx or a crash.
 * lib/http.ts decodes the body strictly: any byte sequence that is not UTF-8 is refused with
 * 400 BAD_REQUEST before JSON or GraphQL parsing, wherever it stands in the body.
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('invalid UTF-8 in the body', () => {
  const cases: [string, Buffer][] = [
    [
      'in the JSON structure',
      bytes('{"query"', [0xff, 0xfe], ':"{ products(first: 1) { nodes { id } } }"}'),
    ],
    [
      'in a field name',
      bytes('{"query":"{ products(first: 1) { nodes { i', [0xc3, 0x28], 'd } } }"}'),
    ],
    // An encoded surrogate (CESU-8 style) is not UTF-8 either.
    [
      'in a string argument',
      bytes('{"query":"{ product(sku: \\"', [0xed, 0xa0, 0x80], '\\") { id } }"}'),
    ],
    ['as a truncated sequence at the end', bytes('{"query":"{ __typename }"}', [0xe2, 0x82])],
  ];
  it.each(cases)('%s: 400 BAD_REQUEST, nothing run', async (_where, body) => {
    const { status, body: answer } = await send(abuse.stack.routerUrl, body);
    expect(status).toBe(400);
    expect(codes(answer)).toEqual(['BAD_REQUEST']);
    expect(answer.errors![0]!.message).toBe('Request body is not valid UTF-8');
    abuse.expectNothingRan();
  });
});

describe('lone surrogates', () => {
  it('raw in a GraphQL string (a JSON \\ud800 escape): 400 GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, '{ product(sku: "\ud800") { id } }');
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(body.errors![0]!.message).toBe('Syntax Error: Invalid character within String: U+D800.');
    abuse.expectNothingRan();
  });

  it('as a GraphQL \\uDC00 escape: 400 GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await post(
      abuse.stack.routerUrl,
      '{ product(sku: "\\uDC00") { id } }',
    );
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(body.errors![0]!.message).toMatch(/^Syntax Error: Invalid Unicode escape sequence/);
    abuse.expectNothingRan();
  });

  it('in a variable: 400 BAD_USER_INPUT, no subgraph called', async () => {
    const query = 'query ($sku: String) { product(sku: $sku) { id } }';
    const { status, body } = await post(abuse.stack.routerUrl, query, { sku: 'ab\udfffc' });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    abuse.expectNothingRan();
  });

  it('in a variable’s key: 400 BAD_USER_INPUT, no subgraph called', async () => {
    const query = 'query ($f: ProductFilter) { products(first: 1, filter: $f) { nodes { id } } }';
    const { status, body } = await post(abuse.stack.routerUrl, query, { f: { '\ud800': 'x' } });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    abuse.expectNothingRan();
  });

  it('answers well-formed astral characters (a surrogate pair) in a variable', async () => {
    const query = 'query ($sku: String) { product(sku: $sku) { id } }';
    const { status, body } = await post(abuse.stack.routerUrl, query, { sku: '🛒' });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data).toEqual({ product: null });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/**
 * Token flood and oversized documents: MAX_TOKENS (1000, graphql-armor's; graphql-js stops
 * parsing at the first token beyond) and MAX_DOCUMENT_CHARS (15000, graphql-armor's).
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

/**
 * `{ products(first: 1) { nodes { … on Product { id } × 164, name × names } } }`: 997 + names
 * tokens. (Inline fragments rather than 1000 repeats of one field, which graphql-js's own
 * validation budget refuses: see field-duplication.test.ts.)
 */
const tokens = (names: number) =>
  `{ products(first: 1) { nodes { ${'... on Product { id } '.repeat(164)}${'name '.repeat(names)}} } }`;

describe('token flood', () => {
  it('refuses the 1001st token', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, tokens(4));
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_TOKENS_LIMIT']);
    expect(body.errors![0]!.message).toBe(
      'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
    );
    abuse.expectNothingRan();
  });

  it('refuses a megabyte of tokens', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, `{ ${'a '.repeat(500_000)}}`);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_TOKENS_LIMIT']);
    abuse.expectNothingRan();
  });

  it('answers exactly 1000 tokens', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, tokens(3));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

describe('oversized document', () => {
  /** A valid query padded with a comment (comments are not tokens) to `length` characters. */
  const padded = (length: number) => {
    const query = '{ products(first: 1) { nodes { id } } }\n#';
    return query + 'x'.repeat(length - query.length);
  };

  it('refuses 15001 characters', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, padded(15_001));
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_DOCUMENT_CHARS_LIMIT']);
    expect(body.errors![0]!.message).toBe(
      'Document characters limit of 15000 exceeded, found 15001.',
    );
    abuse.expectNothingRan();
  });

  it('refuses a huge string argument', async () => {
    const query = `{ product(sku: "${'x'.repeat(1_000_000)}") { id } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_DOCUMENT_CHARS_LIMIT']);
    abuse.expectNothingRan();
  });

  it('answers exactly 15000 characters', async () => {
    const { status, body } = await post(abuse.stack.routerUrl, padded(15_000));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

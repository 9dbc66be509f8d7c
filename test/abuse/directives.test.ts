import { beforeEach, describe, expect, it } from 'vitest';
import { codes, post, useAbuseStack } from './support';

/** Directive flood: MAX_DIRECTIVES (default 50, graphql-armor's) per operation. */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

const skipped = (count: number) =>
  Array.from({ length: count }, () => 'name @skip(if: false)').join(' ');

describe('directive flood', () => {
  it('refuses 51 directives spread over fields', async () => {
    const query = `{ products(first: 1) { nodes { ${skipped(51)} } } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_DIRECTIVES_LIMIT']);
    expect(body.errors![0]!.message).toBe('Directives limit of 50 exceeded, found 51.');
    abuse.expectNothingRan();
  });

  it('refuses a pile of unknown directives on one field (with the validation errors)', async () => {
    const query = `{ __typename ${'@aa '.repeat(60)}}`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toContain('MAX_DIRECTIVES_LIMIT');
    expect(new Set(codes(body))).toEqual(
      new Set(['MAX_DIRECTIVES_LIMIT', 'GRAPHQL_VALIDATION_FAILED']),
    );
    abuse.expectNothingRan();
  });

  it('counts directives in fragments', async () => {
    const query = `{ products(first: 1) { nodes { ...D } } product(id: "1") { ...D } }
      fragment D on Product { ${skipped(25)} id @include(if: true) }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_DIRECTIVES_LIMIT']);
    abuse.expectNothingRan();
  });

  it('answers 50 directives', async () => {
    const query = `{ products(first: 1) { nodes { ${skipped(50)} } } }`;
    const { status, body } = await post(abuse.stack.routerUrl, query);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { root } from '../lib/paths';
import { gql } from './support/graphql';
import { startStack, type Stack } from '../lib/stack';

/** The README's example queries run on the seed data and return something, so they stay true. */
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack(inject('databaseUrl'));
});
afterAll(() => stack.stop());

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((query) => [query.match(/query (\w+)/)?.[1] ?? 'anonymous', query]))(
    '%s answers with data',
    async (_name, query) => {
      const { body } = await gql(stack.routerUrl, query);
      expect(body.errors).toBeUndefined();
      for (const [field, value] of Object.entries(body.data ?? {})) {
        expect(value, field).not.toBeNull();
        // A root connection must hold something (nested ones, e.g. a leaf category's, may not).
        const total = (value as { totalCount?: number }).totalCount;
        if (total !== undefined) expect(total, `${field}.totalCount`).toBeGreaterThan(0);
      }
    },
  );
});

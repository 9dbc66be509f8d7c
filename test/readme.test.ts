import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../lib/paths';
import { gql } from './support/graphql';
import { useSupergraph } from './support/supergraph';

/** The README's example queries run on the seed data and return something, so they stay true. */
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

// As the seeded admin: the orders example needs a signed-in owner or admin, as the README says.
const supergraph = useSupergraph();

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((query) => [query.match(/query (\w+)/)?.[1] ?? 'anonymous', query]))(
    '%s answers with data',
    async (_name, query) => {
      const { body } = await gql(supergraph.stack.routerUrl, query, {}, supergraph.admin);
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

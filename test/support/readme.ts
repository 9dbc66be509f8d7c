import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../lib/paths';

/** README.md's ```graphql examples, in order, keyed by operation name ('anonymous' if none). */
export function readmeExamples(): Map<string, string> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  return new Map(
    [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map(([, query]) => [
      /(?:query|mutation) (\w+)/.exec(query!)?.[1] ?? 'anonymous',
      query!,
    ]),
  );
}

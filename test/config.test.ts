import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, subgraphEnv } from '../lib/env';
import { randomSecret } from '../lib/secrets';
import { routerEnv } from '../router/env';

/** Configuration mistakes are reported whole and plainly, and weak secrets are refused. */
function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const good = { INTERNAL_SECRET: randomSecret(), JWT_SECRET: randomSecret() };

describe('secrets', () => {
  it.each([
    ['34 spaces', ' '.repeat(34)],
    ['a repeated character', 'a'.repeat(48)],
    ['a repeated word', 'secret'.repeat(8)],
    ['a padded placeholder', `changeme${'0'.repeat(30)}`],
  ])('refuses %s, saying how to generate one', (_what, value) => {
    for (const nodeEnv of ['production', 'development']) {
      const problems = problemsOf(() =>
        routerEnv({ ...good, NODE_ENV: nodeEnv, JWT_SECRET: value }),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^JWT_SECRET: does not look random/);
      expect(problems[0]).toMatch(/openssl rand -base64 32/);
    }
  });

  it('accepts random keys of every usual encoding', () => {
    for (const value of [
      randomSecret(),
      randomBytes(32).toString('hex'),
      randomBytes(32).toString('base64'),
    ]) {
      expect(routerEnv({ ...good, JWT_SECRET: value }).tokens.secret).toBe(value);
    }
  });

  it('reports every problem at once, each on its own line, for subgraphs too', () => {
    const problems = problemsOf(() =>
      subgraphEnv('accounts', {
        INTERNAL_SECRET: 'short',
        JWT_SECRET: ' '.repeat(40),
        PORT: 'eighty',
      }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['ACCOUNTS_DATABASE_URL', 'INTERNAL_SECRET', 'JWT_SECRET', 'PORT']),
    );
    for (const problem of problems) expect(problem).not.toContain('\n');
  });
});

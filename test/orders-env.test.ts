import { describe, expect, it } from 'vitest';
import { subgraphEnv } from '../lib/env';
import { orders } from '../subgraphs/orders/server';
import { randomSecret } from '../lib/secrets';
import { problemsOf } from './support/config';

/**
 * DESIGN.md §6 convention 5: a process parses its whole configuration once, at start, and reports
 * every problem together. Orders' recovery timings are part of it (SubgraphDefinition.settings),
 * not read later by the background task.
 */
const required = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mercato',
  INTERNAL_SECRET: randomSecret(),
};

function ordersProblems(source: Record<string, string>): string[] {
  return problemsOf(() => subgraphEnv('orders', source, orders.settings));
}

describe("the orders process's configuration", () => {
  it('reports a bad RECOVERY_STALE_MS together with every other bad setting', () => {
    const problems = ordersProblems({
      ...required,
      RECOVERY_STALE_MS: '-5',
      PEER_TIMEOUT_MS: 'soon',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^RECOVERY_STALE_MS: /),
        expect.stringMatching(/^PEER_TIMEOUT_MS: /),
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('reports bad recovery settings alongside a missing database URL', () => {
    const problems = ordersProblems({
      INTERNAL_SECRET: required.INTERNAL_SECRET,
      RECOVERY_INTERVAL_MS: '0',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^ORDERS_DATABASE_URL: /),
      expect.stringMatching(/^RECOVERY_INTERVAL_MS: /),
    ]);
  });

  it('hands the parsed recovery settings to the background task', () => {
    const env = subgraphEnv('orders', { ...required, RECOVERY_STALE_MS: '0' }, orders.settings);
    expect(env.settings).toEqual({
      RECOVERY_INTERVAL_MS: 10_000,
      RECOVERY_STALE_MS: 0,
      PENDING_GIVE_UP_MS: 15 * 60_000,
    });
  });
});

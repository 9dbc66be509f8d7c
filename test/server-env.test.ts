import { describe, expect, it } from 'vitest';
import { ConfigError, subgraphEnv } from '../lib/env';
import { routerEnv } from '../router/env';

/**
 * Where every serving process listens and how long it drains (lib/env.ts serverSettings): the
 * management port follows the public one (+ 100) unless set, and both kinds of process parse it
 * the same way.
 */
const secrets = { INTERNAL_SECRET: 'x'.repeat(32), JWT_SECRET: 'y'.repeat(32) };
const subgraph = (source: Record<string, string>) =>
  subgraphEnv('catalog', { DATABASE_URL: 'postgres://127.0.0.1/mercato', ...secrets, ...source })
    .server;
const router = (source: Record<string, string>) => routerEnv({ ...secrets, ...source }).server;

function problemsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('server settings', () => {
  it('default to the topology: public 4000–4005, management 100 above, a 10 s drain', () => {
    expect(router({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      managementPort: 4100,
      drainTimeoutMs: 10_000,
    });
    expect(subgraph({})).toMatchObject({ port: 4002, managementPort: 4102 });
  });

  it('move the management port with PORT, keep it free when PORT is 0, and take it when set', () => {
    expect(router({ PORT: '5000' }).managementPort).toBe(5100);
    expect(subgraph({ PORT: '0' }).managementPort).toBe(0);
    expect(subgraph({ PORT: '5002', MANAGEMENT_PORT: '9102' }).managementPort).toBe(9102);
    expect(router({ DRAIN_TIMEOUT_MS: '2500' }).drainTimeoutMs).toBe(2_500);
  });

  it('report a drain timeout or a management port that cannot be', () => {
    expect(problemsOf(() => router({ DRAIN_TIMEOUT_MS: '0' }))).toEqual([
      expect.stringMatching(/^DRAIN_TIMEOUT_MS: /),
    ]);
    expect(problemsOf(() => router({ PORT: '65500' }))).toEqual([
      expect.stringMatching(/^MANAGEMENT_PORT: PORT \+ 100 is no port/),
    ]);
    expect(problemsOf(() => subgraph({ PORT: '5002', MANAGEMENT_PORT: '5002' }))).toEqual([
      'MANAGEMENT_PORT: must differ from PORT',
    ]);
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { subgraphEnv } from '../lib/env';
import { randomSecret } from '../lib/secrets';
import { routerEnv } from '../router/env';
import { problemsOf } from './support/config';

/** Configuration mistakes are reported whole and plainly, and weak secrets are refused. */

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

/**
 * Where every serving process listens and how long it drains (lib/env.ts serverSettings): the
 * management port follows the public one (+ 100) unless set, and both kinds of process parse it
 * the same way.
 */
const subgraph = (source: Record<string, string>) =>
  subgraphEnv('catalog', { DATABASE_URL: 'postgres://127.0.0.1/mercato', ...good, ...source })
    .server;
const router = (source: Record<string, string>) => routerEnv({ ...good, ...source }).server;

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

describe('shared state and rate-limit settings', () => {
  it('default to in process and the documented limits, and parse windows and proxies', () => {
    const config = routerEnv(good);
    expect(config.sharedState).toEqual({ url: undefined, keyPrefix: 'mercato:' });
    expect(config.rateLimits).toMatchObject({
      anonymous: { points: 600, durationS: 60 },
      user: { points: 5000, durationS: 3_600 },
      partner: { points: 600, durationS: 60 },
      authIp: { points: 100, durationS: 3_600 },
      authEmail: { points: 10, durationS: 900 },
      placeOrder: { points: 20, durationS: 60 },
    });
    const set = routerEnv({
      ...good,
      REDIS_URL: 'redis://cache:6379/0',
      RATE_LIMIT_USER: '50/2h',
      RATE_LIMIT_ANONYMOUS: 'off',
      TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.7, fd00::/8',
    });
    expect(set.sharedState.url).toBe('redis://cache:6379/0');
    expect(set.rateLimits.user).toEqual({ points: 50, durationS: 7_200 });
    expect(set.rateLimits.anonymous).toBeNull();
    const proxies = set.rateLimits.trustedProxies;
    expect(proxies.check('10.1.2.3', 'ipv4')).toBe(true);
    expect(proxies.check('192.168.1.7', 'ipv4')).toBe(true);
    expect(proxies.check('192.168.1.8', 'ipv4')).toBe(false);
    expect(proxies.check('fd00::1', 'ipv6')).toBe(true);
  });

  it('report a bad Redis URL, rate and proxy together', () => {
    const problems = problemsOf(() =>
      routerEnv({
        ...good,
        REDIS_URL: 'http://cache:6379',
        RATE_LIMIT_AUTH_EMAIL: 'ten per minute',
        TRUSTED_PROXIES: '10.0.0.0/33,proxy.local',
      }),
    );
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'RATE_LIMIT_AUTH_EMAIL',
      'REDIS_URL',
      'TRUSTED_PROXIES',
      'TRUSTED_PROXIES',
    ]);
  });
});

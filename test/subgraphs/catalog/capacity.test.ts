import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDatabaseUrl } from '../../support/database';
import { dbOptionsFrom, dbSettingsEnv } from '../../../lib/env';
import { anonymous, signIdentity } from '../../../lib/identity';
import { createLogger } from '../../../lib/log';
import { randomSecret } from '../../../lib/secrets';
import { serveSubgraph, type RunningSubgraph } from '../../../lib/subgraph';
import { catalog } from '../../../subgraphs/catalog/server';
import { scrape, total } from '../../support/metrics';

/**
 * Subgraph tier, DESIGN.md §3: a saturated pool fails fast with a clear error rather than queueing for ever.
 * A catalog with one connection admits one operation at a time and lets others wait 20 ms.
 */
let subgraph: RunningSubgraph;
const internalSecret = randomSecret();

beforeAll(async () => {
  subgraph = await serveSubgraph(catalog, {
    db: {
      ...dbOptionsFrom(dbSettingsEnv({}), fileDatabaseUrl(), 'mercato-test-capacity'),
      poolMax: 1,
    },
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('test', 'silent'),
    limits: { maxConcurrent: 1, queueTimeoutMs: 20 },
    internalSecret,
  });
});
afterAll(() => subgraph.stop());

const heavy = JSON.stringify({
  query:
    '{ products(first: 100, orderBy: NAME) { totalCount nodes { name description category { name } } } }',
});
const send = () =>
  fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signIdentity(internalSecret, anonymous) },
    body: heavy,
  });

describe('a subgraph at capacity', () => {
  it('answers the excess at once with 503 SERVICE_UNAVAILABLE, and the rest in full', async () => {
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 30 }, send));
    const elapsed = Date.now() - started;
    const refused = responses.filter((r) => r.status === 503);
    const served = responses.filter((r) => r.status === 200);
    expect(refused.length + served.length).toBe(30);
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.headers.get('retry-after')).toBe('1');
    const body = (await refused[0]!.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    for (const response of served) {
      const ok = (await response.json()) as { data: { products: { nodes: unknown[] } } };
      expect(ok.data.products.nodes).toHaveLength(100);
    }
    // Nothing queued for long: the whole burst settles in a bounded time.
    expect(elapsed).toBeLessThan(10_000);
    // Its /metrics counts each 503, and nothing is left admitted or queued.
    const metrics = await scrape(subgraph.managementUrl);
    expect(total(metrics, 'mercato_admission_refused_total')).toBe(refused.length);
    expect(total(metrics, 'mercato_admission_in_flight')).toBe(0);
    expect(total(metrics, 'mercato_admission_queued')).toBe(0);
    expect(total(metrics, 'mercato_db_pool_max_connections')).toBe(1);
  });

  it('serves normally once the burst is over', async () => {
    const response = await send();
    expect(response.status).toBe(200);
  });
});

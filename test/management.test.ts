import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { anonymous, signIdentity } from '../lib/identity';
import { waitFor } from './support/integrity';
import { acceptsConnections, post } from './support/http-client';
import { useSupergraph } from './support/supergraph';

/**
 * DESIGN.md §7's management port: every process serves /health, /ready and /metrics on a port of
 * its own, never on its public port; /ready fails as soon as a drain starts, while the requests
 * in flight still finish. (The process tier, test/e2e/drain.test.ts, does the same to real
 * processes on SIGTERM.)
 */
const supergraph = useSupergraph();

const get = async (url: string) => {
  const response = await fetch(url);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    text: await response.text(),
  };
};

describe('management port', () => {
  it('every process answers /health, /ready and /metrics on its own port', async () => {
    const { router, subgraphs } = supergraph.stack;
    for (const [name, running] of Object.entries({ router, ...subgraphs })) {
      expect(running.managementPort, name).not.toBe(running.port);
      expect(await get(`${running.managementUrl}/health`), name).toMatchObject({ status: 200 });
      const ready = await get(`${running.managementUrl}/ready`);
      expect(ready, name).toMatchObject({ status: 200, text: '{"status":"ok"}' });
      const metrics = await get(`${running.managementUrl}/metrics`);
      expect(metrics.status, name).toBe(200);
      expect(metrics.type).toMatch(/^text\/plain/);
      expect(metrics.text).toMatch(/^process_cpu_seconds_total \d/m);
      expect(metrics.text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    }
  });

  it('public ports serve /health and none of the rest', async () => {
    const { router, subgraphs } = supergraph.stack;
    for (const running of [router, subgraphs.catalog]) {
      const origin = new URL(running.url).origin;
      expect((await get(`${origin}/health`)).status).toBe(200);
      for (const path of ['/metrics', '/ready', '/graphql/metrics']) {
        const answer = await get(`${origin}${path}`);
        expect(answer.status, path).toBe(404);
        expect(answer.text).not.toContain('process_cpu_seconds_total');
      }
    }
  });

  it('/ready fails once a drain starts; the request in flight still completes', async () => {
    const catalog = supergraph.stack.subgraphs.catalog;
    const agent = new Agent({ keepAlive: true });
    let unlock = () => {};
    const locked = new Promise<void>((resolve) => {
      // The query below needs this table: it waits, in flight, until the lock is released.
      void supergraph.sql.begin(async (tx) => {
        await tx`lock table catalog.products in access exclusive mode`;
        resolve();
        await new Promise<void>((release) => (unlock = release));
      });
    });
    try {
      await locked;
      const request = post(
        agent,
        catalog.url,
        { query: '{ products(first: 1) { totalCount } }' },
        signIdentity(supergraph.stack.internalSecret, anonymous),
      );
      await waitFor(async () => {
        const [row] = await supergraph.sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`;
        return row!.n > 0;
      });
      // Two stops at once, as a signal and a test harness may: one drain.
      const stops = [catalog.stop(), catalog.stop()];
      expect(await get(`${catalog.managementUrl}/ready`)).toMatchObject({
        status: 503,
        text: '{"status":"draining"}',
      });
      expect(await acceptsConnections(catalog.port)).toBe(false);
      unlock();
      const outcome = await request.outcome;
      expect(outcome.ok && outcome.answer).toMatchObject({ status: 200, connection: 'close' });
      await Promise.all(stops);
      await catalog.stop();
      expect(await acceptsConnections(catalog.managementPort)).toBe(false);
    } finally {
      unlock();
      agent.destroy();
    }
  });
});

import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { subgraphNames } from '../../lib/env';
import { fileDatabaseUrl } from '../support/database';
import { freePort, waitFor } from '../support/integrity';
import { startProcess, type MercatoProcess } from '../support/process';
import { startSubgraphs, type SubgraphSet } from '../support/stack';

/**
 * Process tier: ROUTER_WORKERS=2 (router/workers.ts). The workers share the public port and
 * answer real queries; the primary's management port is ready once both are, sums their
 * metrics, and SIGTERM drains both and exits 0.
 */
const databaseUrl = fileDatabaseUrl();
let set: SubgraphSet;
let router: MercatoProcess | undefined;

beforeAll(async () => {
  set = await startSubgraphs(databaseUrl, subgraphNames);
});

afterAll(async () => {
  router?.child.kill('SIGKILL');
  await set?.stop();
});

/** Pids of the Node processes whose parent is `pid` (not tsx's esbuild service). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid=,comm='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command === 'node')
      .map(([child]) => Number(child));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

it('serves from two worker processes, sums their metrics and drains them on SIGTERM', async () => {
  const [port, managementPort] = [await freePort(), await freePort()];
  router = await startProcess(
    'router/main.ts',
    {
      ROUTER_WORKERS: '2',
      INTERNAL_SECRET: set.internalSecret,
      JWT_SECRET: set.tokenSettings.secret,
      MANAGEMENT_PORT: String(managementPort),
      DRAIN_TIMEOUT_MS: '8000',
      LOG_LEVEL: 'info',
      ...Object.fromEntries(
        subgraphNames.map((name) => [`${name.toUpperCase()}_URL`, set.subgraphs[name]!.url]),
      ),
    },
    port,
    60_000,
  );
  const primary = router.child.pid!;
  await waitFor(
    async () =>
      (await fetch(`http://127.0.0.1:${managementPort}/ready`).catch(() => null))?.ok ?? false,
    30_000,
  );
  expect(childrenOf(primary)).toHaveLength(2);

  // Separate connections, so the primary hands them to both workers.
  const answers = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ query: '{ products(first: 2) { nodes { name inStock } } }' }),
      });
      return { status: response.status, body: (await response.json()) as { data?: unknown } };
    }),
  );
  expect(answers.every((a) => a.status === 200 && a.body.data)).toBe(true);

  const metrics = await (await fetch(`http://127.0.0.1:${managementPort}/metrics`)).text();
  const served = metrics
    .split('\n')
    .filter((line) => line.startsWith('mercato_router_requests_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  expect(served).toBe(20);

  const workers = childrenOf(primary);
  router.child.kill('SIGTERM');
  const exit = await router.exited;
  expect(exit.code).toBe(0);
  for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  expect(router.output()).toContain('"msg":"stopped"');
}, 120_000);

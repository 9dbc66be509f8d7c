/**
 * What observability costs the router: `npm run bench:overhead -- [--rounds 6] [--requests 2000]
 * [--connections 4] [--scale 1] [--baseline <git revision>]`.
 *
 * Runs three routers side by side on one set of subgraph processes (on the database
 * `mercato_bench_<scale>`, see database.ts) and measures each router process's CPU time (user +
 * system, from /proc/<pid>/stat) per product-page request under the same fixed autocannon load:
 *
 *   baseline  the router before metrics (by default main before the metrics merge, checked out
 *             into a temporary git worktree that borrows this checkout's node_modules)
 *   metrics   today's router: metrics on, tracing off (OTEL unset)
 *   tracing   today's router with tracing on, every span sampled, exporting OTLP/protobuf to a
 *             receiver in this process that reads each export and answers 200
 *
 * The three loads of a round run at the same time, so whatever else the machine does (other work
 * on its two cores) weighs on all three alike; the routers are pinned to CPU 0 when `taskset` is
 * present, so they also share one core's caches and clock. Prints CPU ms per request, each round
 * and the median, and the ratios to the baseline. Figures, not assertions.
 */
import autocannon from 'autocannon';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { subgraphNames } from '../../lib/env';
import { root } from '../../lib/paths';
import { randomSecret } from '../../lib/secrets';
import { rateLimitsOff } from '../../test/support/stack';
import { benchDatabase, benchServerUrl } from './database';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    requests: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '4' },
    scale: { type: 'string', default: '1' },
    // main just before the metrics branch was merged: the router as the issue found it.
    baseline: { type: 'string', default: '70039fd^1' },
  },
});
const rounds = Number(args.rounds);
const requests = Number(args.requests);
const connections = Number(args.connections);
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const pinned = existsSync('/usr/bin/taskset') || existsSync('/bin/taskset');

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An OTLP/HTTP endpoint that reads every export and accepts it. */
async function otlpSink(): Promise<{ url: string; exports: () => number; close: () => void }> {
  let count = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, exports: () => count, close: () => server.close() };
}

interface Running {
  name: string;
  child: ChildProcess;
  port: number;
}

const running: Running[] = [];

/** Starts `entry` of the checkout `cwd` on `port` and waits for its /health. */
async function start(
  name: string,
  cwd: string,
  entry: string,
  port: number,
  env: Record<string, string>,
  pin = false,
): Promise<Running> {
  const node = [process.execPath, '--import', 'tsx', path.join(cwd, entry)];
  const [command, ...argv] = pin ? ['taskset', '-c', '0', ...node] : node;
  const child = spawn(command!, argv, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      MANAGEMENT_PORT: String(await freePort()),
      ...env,
    },
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const process_ = { name, child, port };
  running.push(process_);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}: ${errors}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return process_;
    if (Date.now() > deadline) throw new Error(`${name} did not start: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** CPU time (user + system) the process has used, in ms. */
function cpuMs(pid: number): number {
  // Fields after the command name (which is in parentheses): utime and stime are 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

const serverUrl = benchServerUrl();
const databaseUrl = await benchDatabase(serverUrl, Number(args.scale));
const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
const [reviewed] = await db<{ id: number }[]>`
  select product_id as id from reviews.reviews group by product_id order by count(*) desc limit 1`;
await db.end();
const body = JSON.stringify({
  query: readFileSync(path.join(root, 'schema/operations/app/ProductPage.graphql'), 'utf8'),
  variables: { id: String(reviewed!.id) },
});

// The baseline router's checkout: the revision's files, this checkout's installed packages.
const baselineDir = mkdtempSync(path.join(tmpdir(), 'mercato-baseline-'));
rmSync(baselineDir, { recursive: true });
execFileSync('git', ['worktree', 'add', '--detach', baselineDir, args.baseline], {
  cwd: root,
  stdio: 'ignore',
});
symlinkSync(path.join(root, 'node_modules'), path.join(baselineDir, 'node_modules'));
const baselineCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: baselineDir,
  encoding: 'utf8',
}).trim();

const sink = await otlpSink();
const secrets = { INTERNAL_SECRET: randomSecret(), JWT_SECRET: randomSecret() };
try {
  const ports = Object.fromEntries(
    await Promise.all(subgraphNames.map(async (name) => [name, await freePort()] as const)),
  );
  const urls = Object.fromEntries(
    subgraphNames.map((name) => [
      `${name.toUpperCase()}_URL`,
      `http://127.0.0.1:${ports[name]}/graphql`,
    ]),
  );
  // One client address sends every request: the per-IP limit would refuse most of them.
  const shared = { ...secrets, ...urls, ...rateLimitsOff, DATABASE_URL: databaseUrl };
  await Promise.all(
    subgraphNames.map((name) =>
      start(name, root, `subgraphs/${name}/main.ts`, ports[name]!, shared),
    ),
  );
  const routers = [
    await start('baseline', baselineDir, 'router/main.ts', await freePort(), shared, pinned),
    await start('metrics', root, 'router/main.ts', await freePort(), shared, pinned),
    await start(
      'tracing',
      root,
      'router/main.ts',
      await freePort(),
      {
        ...shared,
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_TRACES_SAMPLER: 'always_on',
      },
      pinned,
    ),
  ];

  const load = async (router: Running, amount: number) => {
    const before = cpuMs(router.child.pid!);
    const result = await autocannon({
      url: `http://127.0.0.1:${router.port}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections,
      amount,
      // The machine is shared and the three loads run at once: slow answers are not failures.
      timeout: 60,
    });
    const cpu = cpuMs(router.child.pid!) - before;
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${router.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    return { cpuPerRequest: cpu / amount, rps: result.requests.average };
  };

  console.log(
    `router CPU per ProductPage request: ${rounds} rounds × ${requests} requests, ` +
      `${connections} connections; baseline ${args.baseline} (${baselineCommit}); routers ` +
      (pinned ? 'pinned to CPU 0' : 'not pinned (no taskset)'),
  );
  // Warm-up: JIT, the query plan cache, connection pools.
  await Promise.all(routers.map((router) => load(router, Math.min(500, requests))));

  const samples = new Map(routers.map((r) => [r.name, [] as number[]]));
  const rates = new Map(routers.map((r) => [r.name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    const results = await Promise.all(routers.map((router) => load(router, requests)));
    const line: string[] = [];
    routers.forEach((router, i) => {
      const { cpuPerRequest, rps } = results[i]!;
      samples.get(router.name)!.push(cpuPerRequest);
      rates.get(router.name)!.push(rps);
      line.push(`${router.name} ${cpuPerRequest.toFixed(3)}`);
    });
    console.log(`  round ${round + 1}: ${line.join(', ')} ms/request`);
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const base = samples.get('baseline')!;
  console.log(
    '\nmedian CPU ms/request (min … max), req/s; over the baseline: the ratio of the medians, ' +
      'and the median of each round’s ratio (the loads of a round ran side by side):',
  );
  for (const router of routers) {
    const values = samples.get(router.name)!;
    const m = median(values);
    const percent = (x: number) => `${((x - 1) * 100).toFixed(1)} %`;
    const ratio =
      router.name === 'baseline'
        ? ''
        : `  ${percent(m / median(base))}, paired ${percent(median(values.map((v, i) => v / base[i]!)))}`;
    console.log(
      `  ${router.name.padEnd(9)} ${m.toFixed(3)} ms (${Math.min(...values).toFixed(3)} … ` +
        `${Math.max(...values).toFixed(3)})  ${median(rates.get(router.name)!).toFixed(0)} req/s${ratio}`,
    );
  }
  console.log(`  (the tracing router sent ${sink.exports()} OTLP exports)`);
} finally {
  for (const p of running) p.child.kill('SIGKILL');
  sink.close();
  execFileSync('git', ['worktree', 'remove', '--force', baselineDir], { cwd: root });
}

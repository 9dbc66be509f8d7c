/**
 * Router against Hive Gateway on Mercato's own workload: `npm run bench:gateway -- [options]`.
 *
 * Starts the five subgraphs once (scripts/bench/gateway-subgraphs.ts, in a process of its own) on
 * the seeded bench database of DATABASE_URL's server (scripts/bench/database.ts), then serves the
 * committed supergraph with three contenders side by side — Mercato's router, Hive Gateway with
 * its defaults (hive/config.ts, merging identical in-flight subgraph requests) and Hive Gateway
 * with that merging off — each pinned to core 0 with `taskset` where it exists, while this
 * process (autocannon), the subgraphs and their pool run on core 1. Then, in interleaved rounds
 * (round r runs every mix × query × contender once), one autocannon load at a time.
 *
 * Per mix, query and contender it prints RPS, p50 and p99 (ms), the contender's CPU ms per
 * request (/proc utime+stime of its process tree), the subgraphs' CPU ms per request, subgraph
 * fetches per request (each subgraph's operation count on its /metrics) and failures; then the
 * ratios Mercato ÷ Hive. Figures, not assertions.
 *
 * Options (defaults keep a full run near 10 minutes; the issue's figures used --seconds 20
 * --rounds 3):
 *   --seconds 6          length of one load
 *   --rounds 2           interleaved rounds
 *   --connections 50     autocannon connections
 *   --scale 1            seed scale of the bench database
 *   --mixes identical,varied,signed-in
 *   --queries listing,product,catalog,partner
 *   --contenders mercato,hive,hive-nomerge,proxy
 *                        proxy: scripts/bench/bare-proxy.ts, node:http and undici passing bytes to
 *                        the catalog subgraph and nothing else, on the one-subgraph query only:
 *                        the floor under router CPU ÷ subgraph CPU
 *   --workers 1          >1: also contender "mercato-workers", Mercato's router with that many
 *                        ROUTER_WORKERS on the first that many cores (so sharing core 1 with the
 *                        subgraphs), reported apart from the one-core figures
 *   --cpu-prof DIR       run Mercato's routers and the bare proxy under `node --cpu-prof`, each
 *                        contender's profiles written to DIR/<contender>
 *   --subgraphs-prof DIR the same for the subgraphs' process
 *   --json FILE          also write the figures as JSON
 *   --baseline DIR       also run the router of another checkout (e.g. `git archive main` with
 *                        this node_modules linked in) as contender "before", for before → after
 */
import autocannon from 'autocannon';
import { buildSync } from 'esbuild';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { hiveGatewayArgs } from '../../hive/command';
import { root } from '../../lib/paths';
import { createTokens } from '../../lib/tokens';
import { loadPersistedQueries, manifestPath } from '../../router/persisted/manifest';
import { freePort, waitFor } from '../../test/support/integrity';
import { rateLimitsOff } from '../../test/support/stack';
import { benchDatabase, benchServerUrl } from './database';
import type { BenchSubgraphs } from './gateway-subgraphs';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    scale: { type: 'string', default: '1' },
    mixes: { type: 'string', default: 'identical,varied,signed-in' },
    queries: { type: 'string', default: 'listing,product,catalog,partner' },
    contenders: { type: 'string', default: 'mercato,hive,hive-nomerge,proxy' },
    workers: { type: 'string', default: '1' },
    'cpu-prof': { type: 'string' },
    'subgraphs-prof': { type: 'string' },
    json: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const connections = Number(args.connections);
const list = (text: string) => text.split(',').filter(Boolean);

// ---- cores -------------------------------------------------------------------------------------

const hasTaskset = spawnSync('taskset', ['--version']).status === 0;
const pinned = hasTaskset && (await import('node:os')).cpus().length >= 2;
if (pinned) spawnSync('taskset', ['-a', '-pc', '1', String(process.pid)]);
/** A command line run on `cores` (a taskset list, e.g. `0` or `0-1`) when pinning is possible. */
const onCores = (cores: string, argv: string[]) =>
  pinned ? ['taskset', '-c', cores, ...argv] : argv;

// ---- processes ---------------------------------------------------------------------------------

const children: ChildProcess[] = [];
function startChild(argv: string[], env: NodeJS.ProcessEnv, stdout: 'pipe' | 'ignore', cwd = root) {
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd,
    env: { ...process.env, ...env },
    // The contenders' logs (Hive's error lines under overload) would bury the figures.
    stdio: ['ignore', stdout, stdout === 'pipe' ? 'inherit' : 'ignore'],
  });
  children.push(child);
  return child;
}
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}
process.once('SIGINT', () => {
  stopAll();
  process.exit(130);
});

/**
 * A process's parent and its utime+stime in clock ticks (100 per second here), from
 * /proc/<pid>/stat; null once it has ended.
 */
function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 (state) on.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** utime+stime of `pid` and every descendant, in ms. */
function treeCpuMs(pid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  const tree = new Set([pid]);
  for (let grown = true; grown;) {
    grown = false;
    for (const [child, { ppid }] of stats)
      if (tree.has(ppid) && !tree.has(child)) grown = tree.add(child) !== null;
  }
  let ticks = 0;
  for (const member of tree) ticks += stats.get(member)?.ticks ?? 0;
  return ticks * 10;
}

/**
 * The PostgreSQL backends serving the bench database: their pids, pinned to core 1 with the
 * subgraphs (as the issue's setup has it) where `taskset` may change them. A backend forked
 * later inherits the server's affinity, so this runs before every load. Without permission
 * (another user's server) they stay unpinned and the header says so.
 */
async function databaseBackends(): Promise<number[]> {
  const rows = await admin<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
  const pids = rows.map((r) => r.pid);
  if (pinned)
    for (const pid of pids)
      if (spawnSync('taskset', ['-pc', '1', String(pid)]).status !== 0) databasePinned = false;
  return pids;
}
let databasePinned = pinned;

/** utime+stime of each process (not its children), in ms; a process that has ended is left out. */
function processesCpuMs(pids: number[]): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    const stat = procStat(pid); // null: the backend ended (an idle connection closed)
    if (stat) cpu.set(pid, stat.ticks * 10);
  }
  return cpu;
}

/** CPU spent between two readings by the processes present in both. */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, end] of after) ms += end - (before.get(pid) ?? end);
  return ms;
}

/** Operations the subgraphs have served, from each one's /metrics. */
async function subgraphOperations(ready: BenchSubgraphs): Promise<number> {
  let total = 0;
  for (const url of Object.values(ready.managementUrls)) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const line of text.split('\n'))
      if (line.startsWith('mercato_subgraph_operation_duration_seconds_count'))
        total += Number(line.split(' ').at(-1));
  }
  return total;
}

// ---- workload ----------------------------------------------------------------------------------

type MixName = 'identical' | 'varied' | 'signed-in';
type ContenderName = 'mercato' | 'mercato-workers' | 'before' | 'hive' | 'hive-nomerge' | 'proxy';

interface Params {
  products: string[];
  skus: string[];
  categories: string[];
  users: number[];
}

async function parameters(url: string): Promise<Params> {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  const reviewed =
    await db`select product_id as id from reviews.reviews group by product_id order by count(*) desc limit 500`;
  const skus = await db`select sku from catalog.products order by id limit 500`;
  const categories = await db`select id from catalog.categories order by id`;
  const users = await db`select id from accounts.users order by id limit 500`;
  await db.end();
  return {
    products: reviewed.map((r) => String(r.id)),
    skus: skus.map((r) => String(r.sku)),
    categories: categories.map((r) => String(r.id)),
    users: users.map((r) => Number(r.id)),
  };
}

interface Query {
  name: string;
  label: string;
  /** The request body for request number i (i = 0 for every request when identical). */
  body(i: number, varied: boolean, contender: ContenderName): string;
  partner?: boolean;
}

const pick = <T>(items: T[], i: number) => items[i % items.length]!;

function queries(p: Params): Query[] {
  const registry = loadPersistedQueries(manifestPath);
  const productDetail = [...registry.byId.values()].find((op) => op.name === 'ProductDetail')!;
  const listing = `query Listing($min: Int) { products(first: 20, filter: { minPrice: $min }) { nodes { id name price { amount currency } inStock shippingEstimate { amount currency } rating { average count } } } }`;
  const product = `query Product($id: ID!) { product(id: $id) { id name description price { amount currency } inStock availableQuantity rating { average count } reviews(first: 10) { totalCount nodes { id rating body author { id name } } } } }`;
  const catalog = `query Catalog($min: Int) { products(first: 20, filter: { minPrice: $min }) { nodes { id sku name description price { amount currency } weightGrams createdAt } } }`;
  // Varied: a different minimum price, product or SKU per request, so no two are alike.
  const min = (i: number, varied: boolean) => (varied ? i : 0);
  return [
    {
      name: 'listing',
      label: 'listing: 20 products + stock, shipping, rating (3 subgraphs)',
      body: (i, varied) => JSON.stringify({ query: listing, variables: { min: min(i, varied) } }),
    },
    {
      name: 'product',
      label: 'product page + 10 reviews and authors (4 subgraphs)',
      body: (i, varied) =>
        JSON.stringify({
          query: product,
          variables: { id: varied ? pick(p.products, i) : p.products[0] },
        }),
    },
    {
      name: 'catalog',
      label: '20 products, catalog only (1 subgraph)',
      body: (i, varied) => JSON.stringify({ query: catalog, variables: { min: min(i, varied) } }),
    },
    {
      name: 'partner',
      label: 'partner persisted ProductDetail (3 subgraphs)',
      partner: true,
      body: (i, varied, contender) => {
        const variables = { sku: varied ? pick(p.skus, i) : p.skus[0] };
        // Hive Gateway cannot hold partners to Mercato's operation lists: the same document, sent
        // in full and anonymously (hive/identity.ts refuses API keys).
        if (contender !== 'mercato')
          return JSON.stringify({ query: productDetail.body, variables });
        return JSON.stringify({
          operationName: 'ProductDetail',
          variables,
          extensions: { persistedQuery: { version: 1, sha256Hash: productDetail.id } },
        });
      },
    },
  ];
}

// ---- contenders --------------------------------------------------------------------------------

interface Contender {
  name: ContenderName;
  url: string;
  pid: number;
}

async function startContender(name: ContenderName, ready: BenchSubgraphs): Promise<Contender> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    APP_FREEFORM_OPERATIONS: 'true',
    PORT: String(port),
    HOST: '127.0.0.1',
    MANAGEMENT_PORT: String(await freePort()),
    INTERNAL_SECRET: ready.internalSecret,
    JWT_SECRET: ready.tokens.secret,
    JWT_ISSUER: ready.tokens.issuer,
    JWT_AUDIENCE: ready.tokens.audience,
    // One client address and a few hundred users send everything: limits would refuse the load.
    ...rateLimitsOff,
    ...Object.fromEntries(
      Object.entries(ready.urls).map(([sub, url]) => [`${sub.toUpperCase()}_URL`, url]),
    ),
  };
  let argv: string[];
  if (name === 'mercato' || name === 'before' || name === 'mercato-workers') {
    env.ROUTER_WORKERS = name === 'mercato-workers' ? args.workers : '1';
    argv = [
      'node',
      ...cpuProf(name),
      routerBundle(name === 'before' ? args.baseline! : root, name),
    ];
  } else if (name === 'proxy') {
    env.TARGET_URL = ready.urls.catalog;
    argv = ['node', ...cpuProf(name), proxyBundle()];
  } else {
    env.BENCH_HIVE_MERGE = name === 'hive' ? 'true' : 'false';
    argv = ['node', ...hiveGatewayArgs('scripts/bench/hive.config.ts')];
  }
  const cwd = name === 'before' ? args.baseline! : root;
  // Contenders on core 0; the workers contender on the first `--workers` cores.
  const cores = name === 'mercato-workers' ? `0-${Number(args.workers) - 1}` : '0';
  const child = startChild(onCores(cores, argv), env, 'ignore', cwd);
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).catch(() => null);
    return response?.ok ?? false;
  }, 60_000);
  return { name, url, pid: child.pid! };
}

/**
 * The router as production runs it (Dockerfile: `node dist/router/main.js`): the checkout's own
 * `npm run build`, into its node_modules/.cache, so the checkout's dist/ is not touched. Run
 * through tsx instead, the router paid for its loader, source maps and name wrappers per call.
 */
function routerBundle(checkout: string, contender: ContenderName): string {
  // Inside the checkout: the packages the build leaves external load from its node_modules. One
  // directory per contender: a baseline checkout may share this one's node_modules (a link).
  const outdir = path.join(checkout, 'node_modules', '.cache', `mercato-bench-${contender}`);
  const built = spawnSync('node', ['scripts/build.mjs', '--outdir', outdir], {
    cwd: checkout,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) throw new Error(`building the router in ${checkout} failed`);
  return path.join(outdir, 'router', 'main.js');
}

/** `node --cpu-prof` for a Node contender when --cpu-prof is given, into DIR/<contender>. */
function cpuProf(name: ContenderName): string[] {
  const dir = args['cpu-prof'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, name)}`] : [];
}

/**
 * The bare proxy bundled into one file as the router is (esbuild), so neither pays for tsx.
 * CommonJS, so the packages it bundles may require Node's own modules without a shim.
 */
function proxyBundle(): string {
  const outfile = path.join(root, 'node_modules', '.cache', 'mercato-bench-proxy', 'proxy.cjs');
  buildSync({
    entryPoints: [path.join(root, 'scripts', 'bench', 'bare-proxy.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}

/** The bare proxy forwards everything to the catalog subgraph: it answers the catalog query only. */
const answers = (contender: Contender, query: Query) =>
  contender.name !== 'proxy' || query.name === 'catalog';

// ---- measuring ---------------------------------------------------------------------------------

interface Sample {
  /** Answered within the load's duration (RPS). */
  requests: number;
  /** Sent, answered later included (per-request CPU and fetches). */
  sent: number;
  seconds: number;
  p50: number;
  p99: number;
  routerCpuMs: number;
  subgraphCpuMs: number;
  databaseCpuMs: number;
  fetches: number;
  failures: number;
}

async function load(
  contender: Contender,
  query: Query,
  mix: MixName,
  duration: number,
  auth: { partnerKey: string; userTokens: string[] },
) {
  const varied = mix === 'varied';
  let n = 0;
  const headers = (): Record<string, string> => {
    const base: Record<string, string> = { 'content-type': 'application/json' };
    if (query.partner && !contender.name.startsWith('hive')) base['x-api-key'] = auth.partnerKey;
    if (mix === 'signed-in') base.authorization = `Bearer ${pick(auth.userTokens, n)}`;
    return base;
  };
  const fixed = query.body(0, false, contender.name);
  return await autocannon({
    url: contender.url,
    method: 'POST',
    connections,
    duration,
    headers: headers(),
    body: fixed,
    requests:
      mix === 'identical'
        ? undefined
        : [
            {
              setupRequest: (request) => {
                n++;
                return {
                  ...request,
                  headers: headers(),
                  body: query.body(n, varied, contender.name),
                };
              },
            },
          ],
  });
}

/** One request, checked: the figures mean nothing if the answers are errors. */
async function check(
  contender: Contender,
  query: Query,
  auth: { partnerKey: string; token: string },
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (query.partner && !contender.name.startsWith('hive')) headers['x-api-key'] = auth.partnerKey;
  const response = await fetch(contender.url, {
    method: 'POST',
    headers,
    body: query.body(0, false, contender.name),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (!response.ok || body.errors || !body.data)
    throw new Error(`${contender.name} ${query.name}: ${response.status} ${JSON.stringify(body)}`);
}

async function measure(
  contender: Contender,
  query: Query,
  mix: MixName,
  ready: BenchSubgraphs,
  subgraphsPid: number,
  auth: { partnerKey: string; userTokens: string[] },
): Promise<Sample> {
  const backends = await databaseBackends();
  const cpu0 = treeCpuMs(contender.pid);
  const sub0 = treeCpuMs(subgraphsPid);
  const db0 = processesCpuMs(backends);
  const ops0 = await subgraphOperations(ready);
  const result = await load(contender, query, mix, seconds, auth);
  // Requests still in flight when autocannon stops are finished by the router all the same:
  // wait until it is idle, and count every request sent.
  for (let last = -1, now = treeCpuMs(contender.pid); now !== last;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    [last, now] = [now, treeCpuMs(contender.pid)];
  }
  const cpu1 = treeCpuMs(contender.pid);
  const sub1 = treeCpuMs(subgraphsPid);
  const db1 = processesCpuMs(backends);
  const ops1 = await subgraphOperations(ready);
  return {
    requests: result.requests.total,
    sent: result.requests.sent,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    routerCpuMs: cpu1 - cpu0,
    subgraphCpuMs: sub1 - sub0,
    databaseCpuMs: cpuBetween(db0, db1),
    fetches: ops1 - ops0,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

// ---- run ---------------------------------------------------------------------------------------

const databaseUrl = await benchDatabase(benchServerUrl(), Number(args.scale));
const subgraphsChild = startChild(
  [
    'node',
    ...(args['subgraphs-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['subgraphs-prof']}`] : []),
    '--import',
    'tsx',
    'scripts/bench/gateway-subgraphs.ts',
    databaseUrl,
  ],
  // As deployed (deploy/kubernetes/base/config.yaml): graphql-js skips its development checks.
  { NODE_ENV: 'production' },
  'pipe',
);
const firstLine = await new Promise<string>((resolve, reject) => {
  createInterface({ input: subgraphsChild.stdout! }).once('line', resolve);
  subgraphsChild.once('exit', (code) => reject(new Error(`subgraphs exited with ${code}`)));
});
const ready = JSON.parse(firstLine) as BenchSubgraphs;
/** Finds the bench database's backends (databaseBackends). */
const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
const results = new Map<string, Sample[]>();
try {
  const params = await parameters(databaseUrl);
  const tokens = createTokens(ready.tokens);
  const userTokens = await Promise.all(
    params.users.map(async (userId) => (await tokens.issue({ userId, roles: ['CUSTOMER'] })).token),
  );
  const auth = { partnerKey: ready.partnerKey, userTokens };
  const contenders: Contender[] = [];
  const names = list(args.contenders) as ContenderName[];
  if (args.baseline && !names.includes('before')) names.unshift('before');
  if (Number(args.workers) > 1) names.push('mercato-workers');
  for (const name of names) contenders.push(await startContender(name, ready));
  const chosen = queries(params).filter((q) => list(args.queries).includes(q.name));
  const mixes = list(args.mixes) as MixName[];
  await databaseBackends();
  console.log(
    `\n${pinned ? `contenders on core 0; subgraphs, ${databasePinned ? 'PostgreSQL' : 'PostgreSQL clients (the server could not be pinned)'} and autocannon on core 1` : 'no taskset or one core: unpinned'}; ` +
      `${connections} connections, ${rounds} interleaved rounds of ${seconds} s; scale ${args.scale}` +
      (Number(args.workers) > 1
        ? `; mercato-workers: ROUTER_WORKERS=${args.workers} on cores 0-${Number(args.workers) - 1}`
        : ''),
  );
  for (const contender of contenders)
    for (const query of chosen) {
      if (!answers(contender, query)) continue;
      await check(contender, query, { partnerKey: ready.partnerKey, token: userTokens[0]! });
      await load(contender, query, 'varied', 2, auth); // warm-up: JIT, pools, plan caches
    }
  for (let round = 0; round < rounds; round++) {
    for (const mix of mixes)
      for (const query of chosen) {
        // Partners call with an API key, never as signed-in users.
        if (mix === 'signed-in' && query.partner) continue;
        // Alternate the order between rounds, so no contender always follows the same one.
        const order = round % 2 === 0 ? contenders : [...contenders].reverse();
        for (const contender of order) {
          if (!answers(contender, query)) continue;
          const key = `${mix}|${query.name}|${contender.name}`;
          const sample = await measure(contender, query, mix, ready, subgraphsChild.pid!, auth);
          results.set(key, [...(results.get(key) ?? []), sample]);
          process.stderr.write('.');
        }
      }
  }
  process.stderr.write('\n');
  report(chosen, mixes, contenders);
} finally {
  stopAll();
  await admin.end();
}

function summary(samples: Sample[]) {
  const total = (f: (s: Sample) => number) => samples.reduce((sum, s) => sum + f(s), 0);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const requests = total((s) => s.sent);
  return {
    rps: total((s) => s.requests) / total((s) => s.seconds),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    routerCpu: total((s) => s.routerCpuMs) / requests,
    subgraphCpu: total((s) => s.subgraphCpuMs) / requests,
    databaseCpu: total((s) => s.databaseCpuMs) / requests,
    fetches: total((s) => s.fetches) / requests,
    failures: total((s) => s.failures),
  };
}

/**
 * The RPS ratio round by round, lowest to highest: how far the machine moved the figure while
 * it was measured (rounds interleave the contenders, so each round's ratio is a fair one).
 */
function roundSpread(
  mix: MixName,
  query: Query,
  other: ContenderName,
  ourName: ContenderName = 'mercato',
): string {
  const ours = results.get(`${mix}|${query.name}|${ourName}`) ?? [];
  const theirs = results.get(`${mix}|${query.name}|${other}`) ?? [];
  const perRound = ours
    .map((s, r) =>
      theirs[r] ? s.requests / s.seconds / (theirs[r].requests / theirs[r].seconds) : NaN,
    )
    .filter((ratio) => Number.isFinite(ratio))
    .sort((a, b) => a - b);
  if (perRound.length < 2) return 'one round';
  return `rounds ${perRound[0]!.toFixed(2)}–${perRound.at(-1)!.toFixed(2)}`;
}

function report(chosen: Query[], mixes: MixName[], contenders: Contender[]) {
  const json: Record<string, unknown> = {};
  const f = (n: number, digits = 1) => n.toFixed(digits);
  for (const mix of mixes) {
    console.log(`\n## ${mix} requests\n`);
    console.log(
      '| query | contender | RPS | p50 ms | p99 ms | router CPU ms/req | subgraphs CPU ms/req | PostgreSQL CPU ms/req | fetches/req | failures |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    const ratios: string[] = [];
    for (const query of chosen) {
      const rows = new Map<string, ReturnType<typeof summary>>();
      for (const contender of contenders) {
        const samples = results.get(`${mix}|${query.name}|${contender.name}`);
        if (!samples) continue;
        const s = summary(samples);
        rows.set(contender.name, s);
        json[`${mix}|${query.name}|${contender.name}`] = s;
        console.log(
          `| ${query.label} | ${contender.name} | ${f(s.rps, 0)} | ${s.p50} | ${s.p99} | ${f(s.routerCpu, 2)} | ${f(s.subgraphCpu, 2)} | ${f(s.databaseCpu, 2)} | ${f(s.fetches, 2)} | ${s.failures} |`,
        );
      }
      const mercato = rows.get('mercato');
      for (const other of ['hive', 'hive-nomerge', 'before'] as const) {
        const hive = rows.get(other);
        if (mercato && hive)
          ratios.push(
            `${query.name} vs ${other}: RPS ${f(mercato.rps / hive.rps, 2)}× (${roundSpread(mix, query, other)}), router CPU/req ${f(mercato.routerCpu / hive.routerCpu, 2)}×`,
          );
      }
      const workers = rows.get('mercato-workers');
      if (mercato && workers)
        ratios.push(
          `${query.name}: mercato-workers ÷ mercato: RPS ${f(workers.rps / mercato.rps, 2)}× (${roundSpread(mix, query, 'mercato', 'mercato-workers')})`,
        );
      if (mercato)
        ratios.push(
          `${query.name}: Mercato router CPU ÷ subgraphs CPU = ${f(mercato.routerCpu / mercato.subgraphCpu, 2)}`,
        );
      const proxy = rows.get('proxy');
      if (proxy)
        ratios.push(
          `${query.name}: bare proxy CPU ÷ subgraphs CPU = ${f(proxy.routerCpu / proxy.subgraphCpu, 2)} (the floor under a Node router)`,
        );
    }
    console.log(`\nMercato ÷ Hive (${mix}):\n  ${ratios.join('\n  ')}`);
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(json, null, 2));
}

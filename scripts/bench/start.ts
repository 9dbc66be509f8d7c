/**
 * Start-up benchmark: `npm run bench:start [-- --runs N]`. Each run starts `npm start` twice on a
 * fresh data folder — cold (initialise, migrate, seed) and warm (reuse) — and prints the time from
 * the command to the first answered query, the memory of the whole stack (npm, the launcher, six
 * Node processes, PostgreSQL) at rest (idle 10 s after that first answer) and at its peak (summed
 * RSS sampled every 250 ms through start and a burst of 200 queries; resident set and PSS right
 * after the burst), and the time Ctrl-C takes. Then the medians of the runs.
 *
 * Memory is given three ways. The stack's resident set ("resident") is every page of memory some
 * process of the stack has resident, each page once, read from /proc/<pid>/pagemap (it needs
 * root; without it, n/a): what the stack occupies, as a container's memory accounting counts it.
 * RSS summed over the processes is what adding up `ps` gives; it counts a shared page once per
 * process that maps it — Node's own code, about 45 MB, once per Node process (eight of them),
 * PostgreSQL's shared buffers once per backend. PSS (proportional set size, smaps_rollup) splits
 * each shared page among its sharers, also those outside the stack.
 *
 * The build is made first when out of date, so the runs time `npm start` on a built tree.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { postmasterPid } from '../../lib/embedded';
import { root } from '../../lib/paths';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 1;
const portBase = 21_000 + Math.floor(Math.random() * 20_000);
const url = `http://127.0.0.1:${portBase}/graphql`;
const query = JSON.stringify({
  query:
    '{ products(first: 20) { nodes { name price { amount } inStock rating { average } reviews(first: 3) { nodes { author { name } } } } } }',
});

/** PSS of a process in KiB, 0 once it is gone. */
function pssKiB(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return Number(match?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * The physical pages resident in any of `pids`, each counted once (KiB), or null when the kernel
 * hides page frame numbers (not root). Only mappings with resident pages are read.
 */
function residentKiB(pids: number[]): number | null {
  const frames = new Set<bigint>();
  let hidden = false;
  for (const pid of pids) {
    let smaps: string;
    let fd: number;
    try {
      smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
      fd = openSync(`/proc/${pid}/pagemap`, 'r');
    } catch {
      continue; // gone meanwhile
    }
    try {
      let range: [number, number] = [0, 0];
      for (const line of smaps.split('\n')) {
        const mapping = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
        if (mapping) range = [parseInt(mapping[1]!, 16) / 4096, parseInt(mapping[2]!, 16) / 4096];
        const rss = /^Rss:\s+(\d+) kB/.exec(line);
        if (!rss || rss[1] === '0') continue;
        const entries = Buffer.alloc((range[1] - range[0]) * 8);
        readSync(fd, entries, 0, entries.length, range[0] * 8);
        for (let i = 0; i < entries.length; i += 8) {
          const entry = entries.readBigUInt64LE(i);
          if (!(entry >> 63n)) continue; // not present
          const frame = entry & ((1n << 55n) - 1n);
          if (frame === 0n) hidden = true;
          else frames.add(frame);
        }
      }
    } finally {
      closeSync(fd);
    }
  }
  return hidden ? null : frames.size * 4;
}

interface Memory {
  /** The stack's resident set, each page once, MiB (null: needs root). */
  resident: number | null;
  /** Summed resident set sizes, MiB. */
  rss: number;
  /** Summed proportional set sizes, MiB. */
  pss: number;
  processes: number;
}

/**
 * The memory of the whole stack. npm start runs in the session `sid` (npm, the launcher); the
 * launcher starts each process in a session of its own, and the embedded PostgreSQL runs in its
 * own (pg_ctl), its pid in the data folder. So: every process of those sessions.
 */
function stackMemory(sid: number, dataDir: string, detailed = true): Memory {
  let rows: { pid: number; ppid: number; sid: number; rss: number }[];
  try {
    rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,sid=,rss='], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => {
        const [pid, ppid, session, rss] = line.trim().split(/\s+/).map(Number);
        return { pid: pid!, ppid: ppid!, sid: session!, rss: rss! };
      });
  } catch {
    return { resident: 0, rss: 0, pss: 0, processes: 0 };
  }
  const sessions = new Set([sid]);
  const postmaster = postmasterPid(path.join(dataDir, 'pg'));
  if (postmaster) sessions.add(postmaster);
  const byPid = new Map(rows.map((row) => [row.pid, row]));
  for (const row of rows) {
    const parent = byPid.get(row.ppid);
    if (parent && parent.sid === sid) sessions.add(row.sid);
  }
  const stack = rows.filter((row) => sessions.has(row.sid));
  const resident = detailed ? residentKiB(stack.map((row) => row.pid)) : 0;
  return {
    resident: resident === null ? null : resident / 1024,
    rss: stack.reduce((sum, row) => sum + row.rss, 0) / 1024,
    pss: detailed ? stack.reduce((sum, row) => sum + pssKiB(row.pid), 0) / 1024 : 0,
    processes: stack.length,
  };
}

/**
 * Whether the stack answers the query in full: 20 products, no errors. The processes that start
 * early (ops/start.ts) answer while a first run still seeds, with fewer products or none.
 */
async function answered(): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query,
    });
    const body = (await response.json()) as {
      data?: { products?: { nodes?: unknown[] } };
      errors?: unknown[];
    };
    return !body.errors && body.data?.products?.nodes?.length === 20;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Result {
  firstAnswerS: number;
  peak: Memory;
  rest: Memory;
  queryMs: number;
  stopS: number;
}

async function run(dataDir: string): Promise<Result> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MERCATO_DATA_DIR: dataDir,
    MERCATO_PORT_BASE: String(portBase),
    EMBEDDED_PG_PORT: String(portBase + 10),
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const sid = child.pid!; // detached: npm leads a session of its own
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${errors}`))),
  );
  exited.catch(() => {});
  // Sampled every 250 ms by summed RSS alone (from one `ps`), so that measuring does not slow the
  // start it times; resident set and PSS (page-table walks) at rest and after the burst.
  let peak: Memory = { resident: 0, rss: 0, pss: 0, processes: 0 };
  const sample = (detailed: boolean) => {
    const now = stackMemory(sid, dataDir, detailed);
    const resident =
      peak.resident === null || now.resident === null
        ? null
        : Math.max(peak.resident, now.resident);
    peak = {
      resident,
      rss: Math.max(peak.rss, now.rss),
      pss: Math.max(peak.pss, now.pss),
      processes: Math.max(peak.processes, now.processes),
    };
  };
  const sampler = setInterval(() => sample(false), 250);
  while (!(await Promise.race([answered(), exited]))) await sleep(50);
  const firstAnswerS = (performance.now() - started) / 1000;
  await sleep(10_000);
  const rest = stackMemory(sid, dataDir);
  const burst = performance.now();
  for (let i = 0; i < 200; i++) await answered();
  const queryMs = (performance.now() - burst) / 200;
  sample(true);
  clearInterval(sampler);
  const stopping = performance.now();
  const closed = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-sid, 'SIGINT'); // Ctrl-C: the terminal signals npm's process group
  await closed;
  while (stackMemory(sid, dataDir, false).processes > 0) await sleep(50);
  return { firstAnswerS, peak, rest, queryMs, stopS: (performance.now() - stopping) / 1000 };
}

const mib = (memory: Memory) =>
  `${memory.resident === null ? 'n/a' : memory.resident.toFixed(0)} MiB resident / ` +
  `${memory.rss.toFixed(0)} summed RSS / ${memory.pss.toFixed(0)} PSS`;

function print(label: string, r: Result): void {
  console.log(
    `${label.padEnd(7)} first answer ${r.firstAnswerS.toFixed(1)} s · at rest ${mib(r.rest)} · ` +
      `peak ${mib(r.peak)} · ${r.queryMs.toFixed(1)} ms/query (200 sequential) · stop ${r.stopS.toFixed(1)} s`,
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function medianOf(results: Result[]): Result {
  const memory = (pick: (r: Result) => Memory): Memory => ({
    resident: results.some((r) => pick(r).resident === null)
      ? null
      : median(results.map((r) => pick(r).resident!)),
    rss: median(results.map((r) => pick(r).rss)),
    pss: median(results.map((r) => pick(r).pss)),
    processes: median(results.map((r) => pick(r).processes)),
  });
  return {
    firstAnswerS: median(results.map((r) => r.firstAnswerS)),
    peak: memory((r) => r.peak),
    rest: memory((r) => r.rest),
    queryMs: median(results.map((r) => r.queryMs)),
    stopS: median(results.map((r) => r.stopS)),
  };
}

// Timed on a built tree: `npm start` would otherwise build within the first run.
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'ignore' });
const results: Record<'cold' | 'warm', Result[]> = { cold: [], warm: [] };
for (let i = 1; i <= runs; i++) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mercato-bench-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as `postgres` when we are root
  try {
    console.log(`run ${i}/${runs} (load average ${loadavg()[0]!.toFixed(1)} on this machine)`);
    for (const kind of ['cold', 'warm'] as const) {
      const result = await run(dataDir);
      results[kind].push(result);
      print(kind, result);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (runs > 1) {
  console.log(`median of ${runs} runs`);
  print('cold', medianOf(results.cold));
  print('warm', medianOf(results.warm));
}

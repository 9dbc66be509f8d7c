/**
 * Start-up benchmark: `npm run bench:start`. Runs `npm start` twice on a fresh data folder —
 * cold (initialise, migrate, seed) and warm (reuse) — and prints the time from the command to
 * the first answered query, the peak resident memory of the whole stack (launcher, six Node
 * processes, PostgreSQL) while serving a burst of queries, and the time Ctrl-C takes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from '../../lib/paths';

const dataDir = mkdtempSync(path.join(tmpdir(), 'mercato-bench-'));
chmodSync(dataDir, 0o755); // the embedded server runs as `postgres` when we are root
const portBase = 21_000 + Math.floor(Math.random() * 20_000);
const url = `http://127.0.0.1:${portBase}/graphql`;
const query = JSON.stringify({
  query:
    '{ products(first: 20) { nodes { name price { amount } inStock rating { average } reviews(first: 3) { nodes { author { name } } } } } }',
});

/** The embedded PostgreSQL's pid while it runs (it removes the file when it stops). */
function postmasterPid(): number | null {
  try {
    return (
      Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]) ||
      null
    );
  } catch {
    return null;
  }
}

/**
 * Resident memory of the whole stack, in MiB (ps reports KiB). npm start runs in the session
 * `sid` (npm, the launcher); the launcher starts each process in a session of its own, and the
 * embedded PostgreSQL runs in its own (pg_ctl), its pid in the data folder. So: every process of
 * those sessions.
 */
function stackRssMiB(sid: number): number {
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
    return 0;
  }
  const sessions = new Set([sid]);
  const postmaster = postmasterPid();
  if (postmaster) sessions.add(postmaster);
  const byPid = new Map(rows.map((row) => [row.pid, row]));
  for (const row of rows) {
    const parent = byPid.get(row.ppid);
    if (parent && parent.sid === sid) sessions.add(row.sid);
  }
  return rows.filter((row) => sessions.has(row.sid)).reduce((sum, row) => sum + row.rss, 0) / 1024;
}

async function answered(): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: query,
    });
    const body = (await response.json()) as { data?: unknown };
    return Boolean(body.data);
  } catch {
    return false;
  }
}

async function run(label: string): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MERCATO_DATA_DIR: dataDir,
    MERCATO_PORT_BASE: String(portBase),
    EMBEDDED_PG_PORT: String(portBase + 10),
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn('npm', ['start'], { cwd: root, env, stdio: 'ignore', detached: true });
  const sid = child.pid!; // detached: npm leads a session of its own
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, stackRssMiB(sid))), 100);
  while (!(await answered())) await new Promise((resolve) => setTimeout(resolve, 50));
  const firstAnswer = performance.now() - started;
  const burst = performance.now();
  for (let i = 0; i < 200; i++) await answered();
  const burstMs = performance.now() - burst;
  clearInterval(sampler);
  peak = Math.max(peak, stackRssMiB(sid));
  const stopping = performance.now();
  const closed = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-sid, 'SIGINT'); // Ctrl-C: the terminal signals npm's process group
  await closed;
  while (stackRssMiB(sid) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(
    `${label.padEnd(5)} first answer ${(firstAnswer / 1000).toFixed(1)} s · peak RSS ${peak.toFixed(0)} MiB ` +
      `(200 sequential queries: ${(burstMs / 200).toFixed(1)} ms each) · stop ${((performance.now() - stopping) / 1000).toFixed(1)} s`,
  );
}

try {
  await run('cold');
  await run('warm');
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Start-up benchmark: `npm run bench:start`. Runs `npm start` twice on a fresh data folder —
 * cold (initialise, migrate, seed) and warm (reuse) — and prints the time from the command to
 * the first answered query, the peak resident memory of the whole process tree (launcher, six
 * Node processes, PostgreSQL) while serving a burst of queries, and the time Ctrl-C takes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Resident memory of every process in the group, in MiB (ps reports KiB). */
function groupRssMiB(pgid: number): number {
  try {
    const out = execFileSync('ps', ['-o', 'rss=', '-g', String(pgid)], { encoding: 'utf8' });
    return out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
  } catch {
    return 0;
  }
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
  const pgid = child.pid!;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, groupRssMiB(pgid))), 100);
  while (!(await answered())) await new Promise((resolve) => setTimeout(resolve, 50));
  const firstAnswer = performance.now() - started;
  const burst = performance.now();
  for (let i = 0; i < 200; i++) await answered();
  const burstMs = performance.now() - burst;
  clearInterval(sampler);
  peak = Math.max(peak, groupRssMiB(pgid));
  const stopping = performance.now();
  const closed = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-pgid, 'SIGINT');
  await closed;
  while (groupRssMiB(pgid) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
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

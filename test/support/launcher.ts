/**
 * The launcher as production runs it, `node dist/start.js`, from a build of the work tree: for the
 * process tier's supervision tests (test/e2e/launcher.test.ts) and the production-install test
 * (test/e2e/start.test.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { root } from '../../lib/paths';

/** `npm run build` of the work tree into `outdir` (dist/ of another tree, or a private one). */
export function buildInto(outdir: string): void {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--outdir', outdir], {
    stdio: 'ignore',
  });
}

/**
 * A build of its own, so test files never race over the work tree's dist/. It sits under .data/
 * in the repository: its bundles find their packages in the repository's node_modules, as
 * dist/ does.
 */
export function privateBuild(): { dist: string; remove(): void } {
  const parent = path.join(root, '.data', 'builds');
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(path.join(parent, 'build-'));
  const dist = path.join(folder, 'dist');
  buildInto(dist);
  return { dist, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

const listens = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The six public ports from `base` and their management ports (+ 100). */
export const stackPorts = (base: number) =>
  [0, 1, 2, 3, 4, 5].flatMap((i) => [base + i, base + i + 100]);

/**
 * A MERCATO_PORT_BASE whose twelve ports are free now: the first such of `candidates`, or a
 * random one between 20 000 and 40 000.
 */
export async function freePortBase(candidates?: number[]): Promise<number> {
  const bases =
    candidates ?? Array.from({ length: 50 }, () => 20_000 + Math.floor(Math.random() * 20_000));
  for (const base of bases) {
    const free = await Promise.all(stackPorts(base).map(listens));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no free port base among ${bases.join(', ')}`);
}

export interface Launcher {
  child: ChildProcess;
  /** Everything it and its processes printed so far. */
  output(): string;
  /** Settles once it says ready; rejects should it exit first. */
  ready: Promise<void>;
  /** Settles with its exit code once it and everything holding its output have exited. */
  closed: Promise<number | null>;
  /** Ctrl-C, as a terminal sends it; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/** Runs `node <dist>/start.js` with `env` over this process's environment. */
export function startLauncher(dist: string, env: NodeJS.ProcessEnv): Launcher {
  const child = spawn(process.execPath, [path.join(dist, 'start.js')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[mercato] ready in')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void closed.then((code) => reject(new Error(`the launcher exited (${code}):\n${output}`)));
  });
  ready.catch(() => {}); // a test that expects the exit awaits `closed` instead
  return {
    child,
    output: () => output,
    ready,
    closed,
    interrupt: () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGINT');
      return closed;
    },
  };
}

/** Processes whose command line names `text` (e.g. a build's path), as `pgrep -af` lists them. */
export function processesMatching(text: string): string {
  try {
    return execFileSync('pgrep', ['-af', text], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

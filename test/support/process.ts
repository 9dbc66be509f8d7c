/**
 * Mercato's processes from source (`node --import tsx <entry>`): the process tier. Production runs
 * the same code bundled (`node dist/…`), which test/e2e/start.test.ts and launcher.test.ts run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { root } from '../../lib/paths';
import { waitFor } from './integrity';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when the process exited. */
  at: number;
}

export interface MercatoProcess {
  child: ChildProcess;
  /** What it printed so far, stdout and stderr together (JSON log lines). */
  output(): string;
  /** Settles when the process has exited. */
  exited: Promise<Exit>;
}

/**
 * Starts `entry` (e.g. router/main.ts) with `env` over this process's environment and waits until
 * its public `/health` on `port` answers.
 */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  port: number,
  /** How long it may take to answer (several processes start slower). */
  timeoutMs = 30_000,
): Promise<MercatoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  try {
    await waitFor(async () => {
      if (child.exitCode !== null)
        throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
      return await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
    }, timeoutMs);
  } catch (error) {
    // The caller never gets the process to stop: do not leave it running (and its children,
    // ROUTER_WORKERS' workers, which a SIGTERM to it drains).
    child.kill('SIGTERM');
    throw error;
  }
  return { child, output: () => output, exited };
}

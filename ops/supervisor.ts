/**
 * The launcher's processes, kept running as an orchestrator keeps its containers: one that exits
 * without being asked is restarted after a back-off (0.5 s, doubling to 10 s while it keeps
 * crashing) and the rest keep serving meanwhile — a request that needs it degrades or fails,
 * nothing else does. Only a configuration error (exit code 2, lib/env.ts) is not retried: a restart
 * cannot fix it.
 */
import type { ChildProcess } from 'node:child_process';
import { httpStatus } from './probe';

export interface ProcessSpec {
  name: string;
  /** Its management port: readiness is its `/ready` there. */
  managementPort: number;
}

export interface Backoff {
  /** The wait before the first restart; it doubles with each crash in a row… */
  initialMs: number;
  /** …up to this. */
  maxMs: number;
  /** A process that ran this long before it exited starts a new row. */
  resetAfterMs: number;
}

export const defaultBackoff: Backoff = { initialMs: 500, maxMs: 10_000, resetAfterMs: 30_000 };

export interface SupervisorOptions {
  spawn(spec: ProcessSpec): ChildProcess;
  /** Ordinary progress. */
  log(line: string): void;
  /** Crashes and restarts: what an operator must notice. */
  alarm(line: string): void;
  /** A process that cannot be helped by a restart exited; the stack should stop. */
  onFatal(name: string, reason: string): void;
  backoff?: Backoff;
}

interface Supervised {
  spec: ProcessSpec;
  child: ChildProcess | null;
  startedAt: number;
  crashesInARow: number;
  restart: NodeJS.Timeout | null;
  /** Set once we asked it to stop: its exit is then no crash. */
  stopping: boolean;
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `signal ${signal}` : `code ${code}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Supervisor {
  private readonly processes = new Map<string, Supervised>();
  private readonly backoff: Backoff;

  constructor(private readonly options: SupervisorOptions) {
    this.backoff = options.backoff ?? defaultBackoff;
  }

  /** Starts `spec` and keeps it running until stop(spec.name). */
  start(spec: ProcessSpec): void {
    const entry: Supervised = {
      spec,
      child: null,
      startedAt: 0,
      crashesInARow: 0,
      restart: null,
      stopping: false,
    };
    this.processes.set(spec.name, entry);
    this.run(entry);
  }

  private run(entry: Supervised): void {
    const child = this.options.spawn(entry.spec);
    entry.child = child;
    entry.startedAt = Date.now();
    child.once('exit', (code, signal) => {
      entry.child = null;
      if (entry.stopping) return;
      const ranMs = Date.now() - entry.startedAt;
      const how = describeExit(code, signal);
      if (code === 2) {
        this.options.onFatal(entry.spec.name, `exited with a configuration error (${how})`);
        return;
      }
      entry.crashesInARow = ranMs >= this.backoff.resetAfterMs ? 1 : entry.crashesInARow + 1;
      const delay = Math.min(
        this.backoff.initialMs * 2 ** (entry.crashesInARow - 1),
        this.backoff.maxMs,
      );
      this.options.alarm(
        `${entry.spec.name} CRASHED (${how}) after ${(ranMs / 1000).toFixed(1)} s; ` +
          `restarting in ${(delay / 1000).toFixed(1)} s (crash ${entry.crashesInARow} in a row); ` +
          `the other processes keep serving`,
      );
      entry.restart = setTimeout(() => {
        entry.restart = null;
        if (entry.stopping) return;
        this.run(entry);
        void this.announceRecovery(entry);
      }, delay);
    });
  }

  /** Says when a restarted process serves again (or nothing, should it crash again first). */
  private async announceRecovery(entry: Supervised): Promise<void> {
    const restarted = entry.child;
    const since = Date.now();
    while (!entry.stopping && entry.child === restarted) {
      if ((await httpStatus(entry.spec.managementPort, '/ready')) === 200) {
        this.options.alarm(
          `${entry.spec.name} is back: ready ${Date.now() - since} ms after its restart`,
        );
        return;
      }
      await sleep(100);
    }
  }

  /**
   * Resolves once `name` answers `/ready` with 200 — restarts along the way included — or
   * rejects at `deadline` (a Date.now() value).
   */
  async ready(name: string, deadline: number): Promise<void> {
    const entry = this.processes.get(name);
    if (!entry) throw new Error(`${name} was never started`);
    for (;;) {
      if (entry.stopping) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${name} was not ready`);
      const status = await httpStatus(entry.spec.managementPort, '/ready', Math.min(left, 1_000));
      if (status === 200) return;
      await sleep(Math.min(100, Math.max(0, deadline - Date.now())));
    }
  }

  /** Names of the processes not ready now, for a report. */
  async notReady(): Promise<string[]> {
    const states = await Promise.all(
      [...this.processes.values()].map(async (entry) => ({
        name: entry.spec.name,
        ok: (await httpStatus(entry.spec.managementPort, '/ready')) === 200,
      })),
    );
    return states.filter((state) => !state.ok).map((state) => state.name);
  }

  /**
   * Asks `name` to drain (SIGTERM) and resolves when it has exited; SIGKILL should it outlive
   * `killAfterMs` (it exits by its own DRAIN_TIMEOUT_MS, 10 s by default: this is in case it hangs).
   * A pending restart is cancelled.
   */
  stop(name: string, killAfterMs = 15_000): Promise<void> {
    const entry = this.processes.get(name);
    if (!entry) return Promise.resolve();
    entry.stopping = true;
    if (entry.restart) clearTimeout(entry.restart);
    const child = entry.child;
    if (!child) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  /** Synchronously signals every running process to drain: for a launcher on its way out. */
  terminateAll(): void {
    for (const entry of this.processes.values()) {
      entry.stopping = true;
      if (entry.restart) clearTimeout(entry.restart);
      entry.child?.kill('SIGTERM');
    }
  }
}

import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Supervisor, type Backoff } from '../ops/supervisor';
import { freePort, waitFor } from './support/integrity';

/**
 * The launcher's supervisor (ops/supervisor.ts) on real child processes that exit as a crashing
 * one would: the back-off doubles to its cap, a long run starts a new row, a configuration error
 * is not retried, and a stop cancels a pending restart. test/e2e/launcher.test.ts does the same
 * to a real subgraph under the real launcher.
 */
let supervisor: Supervisor | null = null;

afterEach(async () => {
  await supervisor?.stop('p', 1_000);
  supervisor = null;
});

/**
 * Supervises `node -e <script>` as process "p"; returns its crash alarms and when it spawned. Only
 * crash alarms: the child never listens, but its management port, free when picked, may be taken
 * by another test file's server meanwhile, whose /ready would read as "p is back".
 */
async function supervise(script: string, backoff: Backoff) {
  const alarms: string[] = [];
  const spawned: number[] = [];
  const fatal: string[] = [];
  supervisor = new Supervisor({
    spawn: () => {
      spawned.push(Date.now());
      return spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    },
    log: () => {},
    alarm: (line) => {
      if (line.includes(' CRASHED ')) alarms.push(line);
    },
    onFatal: (name, reason) => fatal.push(`${name} ${reason}`),
    backoff,
  });
  supervisor.start({ name: 'p', managementPort: await freePort() });
  return { alarms, spawned, fatal };
}

describe('the supervisor', () => {
  it('restarts a crashing process after 0.1, 0.2, 0.4, 0.4 s: doubling to the cap', async () => {
    const { alarms, spawned } = await supervise('process.exit(1)', {
      initialMs: 100,
      maxMs: 400,
      resetAfterMs: 60_000,
    });
    await waitFor(async () => spawned.length >= 5, 10_000);
    expect(alarms.slice(0, 4).map((line) => /restarting in ([\d.]+) s/.exec(line)?.[1])).toEqual([
      '0.1',
      '0.2',
      '0.4',
      '0.4',
    ]);
    expect(alarms[0]).toMatch(/^p CRASHED \(code 1\) after [\d.]+ s; .*\(crash 1 in a row\)/);
    expect(alarms[3]).toMatch(/\(crash 4 in a row\)/);
    // Each restart waited at least its back-off after the previous start (which exits at once).
    const gaps = spawned.slice(1, 5).map((at, i) => at - spawned[i]!);
    [100, 200, 400, 400].forEach((least, i) => expect(gaps[i]).toBeGreaterThanOrEqual(least));
  });

  it('starts a new row for a process that ran longer than resetAfterMs', async () => {
    const { alarms } = await supervise('setTimeout(() => process.exit(1), 300)', {
      initialMs: 50,
      maxMs: 1_000,
      resetAfterMs: 200,
    });
    await waitFor(async () => alarms.length >= 3, 10_000);
    for (const line of alarms.slice(0, 3)) expect(line).toMatch(/\(crash 1 in a row\)/);
  });

  it('does not retry a configuration error (exit code 2)', async () => {
    const { alarms, spawned, fatal } = await supervise('process.exit(2)', {
      initialMs: 50,
      maxMs: 50,
      resetAfterMs: 60_000,
    });
    await waitFor(async () => fatal.length === 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fatal).toEqual(['p exited with a configuration error (code 2)']);
    expect(spawned).toHaveLength(1);
    expect(alarms).toEqual([]);
  });

  it('cancels a pending restart when stopped', async () => {
    const { spawned, alarms } = await supervise('process.exit(1)', {
      initialMs: 500,
      maxMs: 500,
      resetAfterMs: 60_000,
    });
    await waitFor(async () => alarms.length === 1, 10_000);
    await supervisor!.stop('p');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(spawned).toHaveLength(1);
  });
});

import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { root } from '../lib/paths';

/**
 * A process's log lines (lib/log.ts) go to standard output in chunks, not a write per line: each
 * line must still come out within a quarter second on a quiet process, and whatever is left must
 * come out when the process ends — by exiting, or by a crash.
 */
async function run(then: string): Promise<{ line: string; at: number }[]> {
  const script = `
    import { createLogger } from './lib/log.ts';
    const logger = createLogger('log-output');
    logger.info('first');
    setTimeout(() => { logger.info('second'); ${then} }, 1_000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const started = Date.now();
  const lines: { line: string; at: number }[] = [];
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    for (const part of parts) lines.push({ line: JSON.parse(part).msg as string, at: Date.now() });
  });
  await new Promise((resolve) => child.on('close', resolve));
  // Measured from the first line, so the loader's start-up does not count.
  const first = lines[0]?.at ?? started;
  return lines.map(({ line, at }) => ({ line, at: at - first }));
}

it('writes a quiet process’s line without waiting for more, and the rest when it exits', async () => {
  const lines = await run('process.exit(0);');
  expect(lines.map((l) => l.line)).toEqual(['first', 'second']);
  // "second" is logged a second after "first": had "first" waited for the exit, it would come
  // out with it.
  expect(lines[1]!.at).toBeGreaterThan(600);
});

it('writes what is left when the process crashes', async () => {
  const lines = await run("throw new Error('crash');");
  expect(lines.map((l) => l.line)).toEqual(['first', 'second']);
});

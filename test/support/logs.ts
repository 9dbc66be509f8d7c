import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { requestFields } from '../../lib/log';

/** A logger at `level` that keeps what it is given: line counts by level, and error-level lines. */
export interface CapturedLogs {
  logger: Logger;
  /** Lines logged, by level label (info, warn, error, …). */
  levels: Map<string, number>;
  /** Every line, parsed, in order. */
  lines: Record<string, unknown>[];
  /** Error- and fatal-level lines, cut to 500 characters: server faults only, never a client's mistake. */
  errorLines: string[];
}

export function captureLogs(level = 'info'): CapturedLogs {
  const levels = new Map<string, number>();
  const errorLines: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const parsed = JSON.parse(line) as { level: number };
        lines.push(parsed);
        const label = pino.levels.labels[parsed.level] ?? '?';
        levels.set(label, (levels.get(label) ?? 0) + 1);
        if (label === 'error' || label === 'fatal') errorLines.push(line.slice(0, 500));
      }
      done();
    },
  });
  return { logger: pino({ level, mixin: requestFields }, destination), levels, lines, errorLines };
}

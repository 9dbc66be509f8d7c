import { pino, type Logger } from 'pino';
import { currentRequest } from './request-scope';
import { activeTraceIds } from './tracing/active';

export type { Logger };

/**
 * JSON logs (one line per event) for production; the level comes from LOG_LEVEL. Every line
 * written while a request is being served carries its `requestId` (lib/request-scope.ts) and,
 * while tracing is on, the `traceId` and `spanId` of the work that wrote it.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { service: name }, mixin: requestFields }, standardOutput());
}

/** Bytes of lines gathered before one write to standard output. */
const BUFFER_BYTES = 4_096;
/** The longest a line waits in that buffer on a quiet process. */
const FLUSH_EVERY_MS = 250;

let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * Standard output, shared by the process's loggers, written in chunks of about 4 KB rather than
 * a write per line: at a few thousand requests a second, the access log's write per request cost
 * a serving process about a tenth of its CPU. Written synchronously, by this thread: pino's
 * asynchronous writes go through libuv's thread pool, whose wake-ups cost more than the writes.
 * A line waits at most FLUSH_EVERY_MS, and what is left is written when the process exits (a
 * crash included); only a kill that gives it no chance to exit (SIGKILL, out of memory) loses
 * the lines of that last quarter second.
 */
function standardOutput(): ReturnType<typeof pino.destination> {
  if (stdout) return stdout;
  const destination = pino.destination({
    dest: 1,
    sync: true,
    minLength: BUFFER_BYTES,
    periodicFlush: FLUSH_EVERY_MS,
  });
  process.once('exit', () => destination.flushSync());
  return (stdout = destination);
}

/** The fields a log line written during a request carries: its id and its trace's. */
export function requestFields(): Record<string, unknown> {
  const scope = currentRequest();
  const ids = activeTraceIds();
  if (ids === undefined) return scope ? { requestId: scope.requestId } : {};
  return scope ? { requestId: scope.requestId, ...ids } : ids;
}

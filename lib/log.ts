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
  return pino({ name, level, base: { service: name }, mixin: requestFields });
}

/** The fields a log line written during a request carries: its id and its trace's. */
export function requestFields(): Record<string, unknown> {
  const scope = currentRequest();
  const ids = activeTraceIds();
  if (ids === undefined) return scope ? { requestId: scope.requestId } : {};
  return scope ? { requestId: scope.requestId, ...ids } : ids;
}

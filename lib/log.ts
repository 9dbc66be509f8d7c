import { pino, type Logger } from 'pino';
import { currentRequest } from './request-scope';

export type { Logger };

/**
 * JSON logs (one line per event) for production; the level comes from LOG_LEVEL. Every line
 * written while a request is being served carries its `requestId` (lib/request-scope.ts).
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { service: name }, mixin: requestFields });
}

/** The fields a log line written during a request carries: its id. */
export function requestFields(): Record<string, unknown> {
  const scope = currentRequest();
  return scope ? { requestId: scope.requestId } : {};
}

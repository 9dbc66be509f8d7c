import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs (one line per event) for production; the level comes from LOG_LEVEL. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}

/**
 * Starts OpenTelemetry tracing for one process when its settings ask for it (lib/tracing/
 * settings.ts). The SDK itself (lib/tracing/sdk.ts: provider, exporters, resources) is imported
 * only then: a process that does not trace neither runs nor holds it (about 40 ms of start-up CPU
 * and a few MB of heap per process, measured with `npm run bench:start`).
 */
import type { Logger } from '../log';
import type { TracingSettings } from './settings';

export interface Tracing {
  /** Exports the spans still buffered and stops tracing; safe to call when tracing is off. */
  shutdown(): Promise<void>;
  /**
   * `stop` (a server's drain) followed by `shutdown`, whether the drain finished or not: the
   * spans of the last requests are exported before the process exits.
   */
  flushedAfter<A extends unknown[]>(
    stop: (...args: A) => Promise<void>,
  ): (...args: A) => Promise<void>;
}

function tracingWith(shutdown: () => Promise<void>): Tracing {
  return {
    shutdown,
    flushedAfter:
      (stop) =>
      async (...args) => {
        try {
          await stop(...args);
        } finally {
          await shutdown();
        }
      },
  };
}

const off = tracingWith(async () => {});

/**
 * Tracing for the process `serviceName` (`mercato-router`, `mercato-catalog`, …) as `settings`
 * say; with null nothing is loaded or registered at all.
 */
export async function startTracing(
  serviceName: string,
  settings: TracingSettings | null,
  logger: Logger,
): Promise<Tracing> {
  if (settings === null) return off;
  const { registerProvider } = await import('./sdk');
  return tracingWith(registerProvider(serviceName, settings, logger));
}

import type { Logger } from './log';

/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits: 0 when it finished, 1 when it failed or did
 * not finish within `timeoutMs` (the drain timeout: past it the process exits whatever is still
 * running, so an orchestrator's own kill never has to). Ctrl-C in a terminal signals the whole
 * process group and npm forwards the signal to its child as well, so a process often receives
 * two: the second must not kill it mid-drain (as Node's default handler would).
 */
export function onShutdownSignal(
  stop: (signal: NodeJS.Signals) => Promise<void>,
  options: { logger: Logger; timeoutMs: number },
): void {
  const { logger } = options;
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    const started = Date.now();
    setTimeout(() => {
      logger.error({ timeoutMs: options.timeoutMs }, 'stop did not finish in time; exiting');
      process.exit(1);
    }, options.timeoutMs);
    stop(signal).then(
      () => {
        logger.info({ ms: Date.now() - started }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

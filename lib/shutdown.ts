/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits. Ctrl-C in a terminal signals the whole
 * process group and npm forwards the signal to its child as well, so a process often receives
 * two: the second must not kill it mid-cleanup (as Node's default handler would).
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('error while stopping', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

import cluster from 'node:cluster';
import { configurationOrExit } from '../lib/env';
import { createLogger } from '../lib/log';
import { onShutdownSignal } from '../lib/shutdown';
import { startTracing } from '../lib/tracing/provider';
import { routerEnv } from './env';
import { serveRouter } from './serve';
import { runPrimary, workerConfig, workerServing } from './workers';

const config = configurationOrExit('router', () => routerEnv());
const logger = createLogger('router', config.logLevel);
if (config.workers > 1 && cluster.isPrimary) {
  const primary = await runPrimary(config, logger);
  // The workers' own drains end within the drain timeout; the margin lets them report it.
  onShutdownSignal(primary.stop, { logger, timeoutMs: config.server.drainTimeoutMs + 2_000 });
} else {
  // The primary of several workers serves no request: only what serves traces.
  const tracing = await startTracing('mercato-router', config.tracing, logger);
  const router = await serveRouter(cluster.isWorker ? workerConfig(config) : config, logger);
  if (cluster.isWorker) workerServing(router);
  logger.info({ url: router.url, management: router.managementUrl }, 'router ready');
  onShutdownSignal(tracing.flushedAfter(router.stop), {
    logger,
    timeoutMs: config.server.drainTimeoutMs,
  });
}

import { configurationOrExit } from '../lib/env';
import { createLogger } from '../lib/log';
import { onShutdownSignal } from '../lib/shutdown';
import { startTracing } from '../lib/tracing/provider';
import { routerEnv } from './env';
import { serveRouter } from './serve';

const config = configurationOrExit('router', () => routerEnv());
const logger = createLogger('router', config.logLevel);
const tracing = startTracing('mercato-router', config.tracing, logger);
const router = await serveRouter(config, logger);
logger.info({ url: router.url, management: router.managementUrl }, 'router ready');
onShutdownSignal(tracing.flushedAfter(router.stop), {
  logger,
  timeoutMs: config.server.drainTimeoutMs,
});

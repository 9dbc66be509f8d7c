import { configurationOrExit } from '../lib/env';
import { createLogger } from '../lib/log';
import { onShutdownSignal } from '../lib/shutdown';
import { routerEnv } from './env';
import { serveRouter } from './serve';

const config = configurationOrExit('router', () => routerEnv());
const logger = createLogger('router', config.logLevel);
const router = await serveRouter(config, logger);
logger.info({ url: router.url, management: router.managementUrl }, 'router ready');
onShutdownSignal(router.stop, { logger, timeoutMs: config.server.drainTimeoutMs });

import { createLogger } from '../lib/log';
import { routerEnv } from './env';
import { serveRouter } from './serve';

const config = routerEnv();
const logger = createLogger('router', config.logLevel);
const router = await serveRouter(config, logger);
logger.info({ url: router.url }, 'router ready');
const stop = async (signal: string) => {
  logger.info({ signal }, 'stopping');
  await router.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

import { serveGraphQL, type RunningServer } from '../lib/http';
import type { Logger } from '../lib/log';
import type { RouterConfig } from './env';
import { buildRouter } from './server';

/** The router serving on its port. */
export type RunningRouter = RunningServer;

/** Starts the router and listens; tests call this with port 0. */
export async function serveRouter(config: RouterConfig, logger: Logger): Promise<RunningRouter> {
  return await serveGraphQL({
    server: buildRouter(config, logger),
    context: async () => ({}),
    maxBodyBytes: config.maxBodyBytes,
    port: config.port,
    host: config.host,
  });
}

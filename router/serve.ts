import type { Server } from 'node:http';
import { closeServer, createGraphQLHttpServer, listen } from '../lib/http';
import type { Logger } from '../lib/log';
import type { RouterConfig } from './env';
import { buildRouter } from './server';

export interface RunningRouter {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

/** Starts the router and listens; tests call this with port 0. */
export async function serveRouter(config: RouterConfig, logger: Logger): Promise<RunningRouter> {
  const apollo = buildRouter(config, logger);
  await apollo.start();
  const server = createGraphQLHttpServer({
    server: apollo,
    context: async () => ({}),
    maxBodyBytes: config.maxBodyBytes,
    routes: (req, res) => {
      if (req.url !== '/health') return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return true;
    },
  });
  const port = await listen(server, config.port, config.host);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    server,
    stop: async () => {
      await closeServer(server);
      await apollo.stop();
    },
  };
}

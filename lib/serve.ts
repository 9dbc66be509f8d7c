/**
 * A serving process's servers: the public GraphQL server and the management server beside it,
 * started together and stopped by one drain (DESIGN.md §7).
 */
import type { Server } from 'node:http';
import type { BaseContext } from '@apollo/server';
import { drainable } from './drain';
import {
  closeServer,
  createGraphQLHttpServer,
  listen,
  once,
  type GraphQLHttpOptions,
} from './http';
import { createManagementServer } from './management';
import { Registry } from 'prom-client';
import { processRegistry } from './metrics/process';

export interface RunningServer {
  /** The public GraphQL endpoint. */
  url: string;
  port: number;
  server: Server;
  /** The management server's base URL: `${managementUrl}/health`, `/ready`, `/metrics`. */
  managementUrl: string;
  managementPort: number;
  /** The server's application metrics (beside the process's on /metrics). */
  metrics: Registry;
  /**
   * Drains and stops: unready at once, no new connections, requests in flight finish, then the
   * ApolloServer stops and `onStop` runs (background work, the pool). Past the drain timeout the
   * connections left are destroyed, the rest still stops, and it rejects with DrainTimeoutError.
   * Every call, concurrent ones included, shares the one stop.
   */
  stop(): Promise<void>;
}

export class DrainTimeoutError extends Error {
  constructor(
    readonly cutOff: number,
    readonly timeoutMs: number,
  ) {
    super(`drain did not finish within ${timeoutMs} ms: ${cutOff} requests in flight were cut off`);
    this.name = 'DrainTimeoutError';
  }
}

export interface ServeGraphQLOptions<
  TContext extends BaseContext,
> extends GraphQLHttpOptions<TContext> {
  port: number;
  host: string;
  /** 0: any free port (tests). */
  managementPort?: number;
  /** How long requests in flight may take to finish once stopping; default 10 s. */
  drainTimeoutMs?: number;
  /** Why the process cannot serve beyond draining or starting (a subgraph's database), or null. */
  unready?: () => Promise<string | null>;
  /** The server's application metrics, served on /metrics after the process's. */
  metrics?: Registry;
  /** Runs once the public server is drained and Apollo stopped (background work, the pool). */
  onStop?: () => Promise<void>;
}

/**
 * Listens on the management port, starts the ApolloServer, serves it on the public port: what
 * every Mercato process does. The management port comes first, so liveness answers (and
 * readiness says 'starting') while Apollo loads.
 */
export async function serveGraphQL<TContext extends BaseContext>(
  options: ServeGraphQLOptions<TContext>,
): Promise<RunningServer> {
  let started = false;
  const server = createGraphQLHttpServer(options);
  const drain = drainable(server);
  const metrics = options.metrics ?? new Registry();
  const management = createManagementServer({
    registries: [processRegistry(), metrics],
    unready: async () => {
      if (!started) return 'starting';
      if (drain.draining) return 'draining';
      return (await options.unready?.()) ?? null;
    },
  });
  const managementPort = await listen(management, options.managementPort ?? 0, options.host);
  let port: number;
  try {
    await options.server.start();
    port = await listen(server, options.port, options.host);
  } catch (error) {
    await closeServer(management);
    throw error;
  }
  started = true;
  const timeoutMs = options.drainTimeoutMs ?? 10_000;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    server,
    managementUrl: `http://127.0.0.1:${managementPort}`,
    managementPort,
    metrics,
    stop: once(async () => {
      const cutOff = await drain.drain(timeoutMs);
      // Only now: Apollo refuses to execute operations once stopping.
      await options.server.stop();
      await options.onStop?.();
      // Last, so liveness answers for as long as the process works.
      await closeServer(management);
      if (cutOff > 0) throw new DrainTimeoutError(cutOff, timeoutMs);
    }),
  };
}

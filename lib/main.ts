import type { z } from 'zod';
import { configurationOrExit, subgraphEnv } from './env';
import { createLogger } from './log';
import { onShutdownSignal } from './shutdown';
import { serveSubgraph, type SubgraphDefinition } from './subgraph';

/**
 * A subgraph process: configuration from the environment, a pool, a listening server, and a
 * clean stop on SIGINT/SIGTERM (in-flight requests finish, the pool closes).
 */
export async function runSubgraph<T extends Record<string, unknown>, L, S extends z.ZodRawShape>(
  definition: SubgraphDefinition<T, L, S>,
): Promise<void> {
  // Everything, the subgraph's own settings included, is checked before anything starts.
  const env = configurationOrExit(definition.name, () =>
    subgraphEnv(definition.name, process.env, definition.settings),
  );
  const logger = createLogger(definition.name, env.logLevel);
  const running = await serveSubgraph(definition, {
    limits: env.limits,
    internalSecret: env.internalSecret,
    tokens: env.tokens,
    db: env.db,
    port: env.port,
    host: env.host,
    peers: env.peers,
    peerTimeoutMs: env.peerTimeoutMs,
    background: { settings: env.settings },
    logger,
  });
  logger.info({ url: running.url }, `${definition.name} subgraph ready`);
  onShutdownSignal(async (signal) => {
    logger.info({ signal }, 'stopping');
    await running.stop();
  });
}

import { subgraphEnv } from './env';
import { createLogger } from './log';
import { onShutdownSignal } from './shutdown';
import { serveSubgraph, type SubgraphDefinition } from './subgraph';

/**
 * A subgraph process: configuration from the environment, a pool, a listening server, and a
 * clean stop on SIGINT/SIGTERM (in-flight requests finish, the pool closes).
 */
export async function runSubgraph<T extends Record<string, unknown>, L>(
  definition: SubgraphDefinition<T, L>,
): Promise<void> {
  const env = subgraphEnv(definition.name);
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
    runBackground: true,
    logger,
  });
  logger.info({ url: running.url }, `${definition.name} subgraph ready`);
  onShutdownSignal(async (signal) => {
    logger.info({ signal }, 'stopping');
    await running.stop();
  });
}

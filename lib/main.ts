import type { z } from 'zod';
import { configurationOrExit, subgraphEnv } from './env';
import { createLogger } from './log';
import { onShutdownSignal } from './shutdown';
import { serveSubgraph, type SubgraphDefinition } from './subgraph';
import { startTracing } from './tracing/provider';

/**
 * A subgraph process: configuration from the environment, a pool, a listening server (and its
 * management server), and a drain on SIGINT/SIGTERM (in-flight requests finish, background
 * work stops, the pool closes, the spans still buffered are exported).
 */
export async function runSubgraph<T extends Record<string, unknown>, L, S extends z.ZodRawShape>(
  definition: SubgraphDefinition<T, L, S>,
): Promise<void> {
  // Everything, the subgraph's own settings included, is checked before anything starts.
  const env = configurationOrExit(definition.name, () =>
    subgraphEnv(definition.name, process.env, definition.settings),
  );
  const logger = createLogger(definition.name, env.logLevel);
  const tracing = await startTracing(`mercato-${definition.name}`, env.tracing, logger);
  const running = await serveSubgraph(definition, {
    limits: env.limits,
    internalSecret: env.internalSecret,
    tokens: env.tokens,
    db: env.db,
    port: env.server.port,
    host: env.server.host,
    managementPort: env.server.managementPort,
    drainTimeoutMs: env.server.drainTimeoutMs,
    peers: env.peers,
    peerTimeoutMs: env.peerTimeoutMs,
    background: { settings: env.settings },
    logger,
  });
  logger.info(
    { url: running.url, management: running.managementUrl },
    `${definition.name} subgraph ready`,
  );
  onShutdownSignal(tracing.flushedAfter(running.stop), {
    logger,
    timeoutMs: env.server.drainTimeoutMs,
  });
}

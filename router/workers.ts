/**
 * ROUTER_WORKERS > 1: the router on several cores (node:cluster). The primary forks the workers,
 * which share the public port (the primary hands each new connection to one of them) and each
 * run the whole router (router/serve.ts). The management port is the primary's: /health, /ready
 * (ready once every worker is, unready while draining) and /metrics summed over the workers
 * (prom-client's AggregatorRegistry), so a scrape sees the router, not one worker of it.
 *
 * SIGTERM or SIGINT to the primary drains every worker (each finishes its requests in flight, as
 * a single router does) and the primary exits once all have: 0 when every one exited 0. A worker
 * that dies while serving is replaced.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { closeServer, listen } from '../lib/http';
import type { Logger } from '../lib/log';
import { createManagementServer } from '../lib/management';
import { processRegistry } from '../lib/metrics/process';
import type { RouterConfig } from './env';
import type { RunningRouter } from './serve';

const READY = 'mercato-router-ready';

/** In a worker: how it serves (no management port of its own: the primary has the one). */
export function workerConfig(config: RouterConfig): RouterConfig {
  return { ...config, server: { ...config.server, managementPort: 0 } };
}

/** In a worker, once it serves: its metrics join the primary's sum, and the primary is told. */
export function workerServing(router: RunningRouter): void {
  AggregatorRegistry.setRegistries([processRegistry(), router.metrics as Registry]);
  // Constructing one is what makes prom-client answer the primary's requests for metrics.
  new AggregatorRegistry();
  process.send?.(READY);
}

export interface RouterPrimary {
  managementServer: Server;
  /** Drains every worker; resolves with whether all of them stopped cleanly. */
  stop(): Promise<void>;
}

export async function runPrimary(config: RouterConfig, logger: Logger): Promise<RouterPrimary> {
  const ready = new Set<Worker>();
  let draining = false;
  const aggregator = new AggregatorRegistry();
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message) => {
      if (message === READY) ready.add(worker);
    });
    worker.once('exit', (code, signal) => {
      ready.delete(worker);
      if (draining) return;
      logger.error({ pid: worker.process.pid, code, signal }, 'router worker died; replacing it');
      fork();
    });
  };
  for (let i = 0; i < config.workers; i++) fork();
  const managementServer = createManagementServer({
    registries: [{ metrics: () => aggregator.clusterMetrics() }],
    unready: async () => {
      if (draining) return 'draining';
      return ready.size < config.workers ? 'starting' : null;
    },
  });
  await listen(managementServer, config.server.managementPort, config.server.host);
  logger.info({ workers: config.workers }, 'router workers starting');
  return {
    managementServer,
    stop: async () => {
      draining = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      const exits = workers.map(
        (worker) =>
          new Promise<number | null>((resolve) => {
            if (worker.isDead()) return resolve(worker.process.exitCode ?? null);
            worker.once('exit', (code) => resolve(code));
            worker.process.kill('SIGTERM');
          }),
      );
      const codes = await Promise.all(exits);
      await closeServer(managementServer);
      const failed = codes.filter((code) => code !== 0).length;
      if (failed > 0)
        throw new Error(`${failed} of ${codes.length} router workers did not stop cleanly`);
    },
  };
}

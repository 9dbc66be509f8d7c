import { collectDefaultMetrics, Registry } from 'prom-client';

let registry: Registry | undefined;

/**
 * The process's metrics registry, served as Prometheus text on the management port's /metrics:
 * prom-client's default Node process metrics (CPU, memory, event loop, GC) and nothing else.
 *
 * One per process, not one per server: the default metrics describe the process. Application
 * metrics live on a registry per server (router/metrics.ts, lib/metrics/subgraph.ts), served
 * beside this one, since the in-process test stacks run several servers in one process. prom-client's global registry is
 * left alone, so nothing a dependency registers there is exported by accident.
 */
export function processRegistry(): Registry {
  if (!registry) {
    registry = new Registry();
    collectDefaultMetrics({ register: registry });
  }
  return registry;
}

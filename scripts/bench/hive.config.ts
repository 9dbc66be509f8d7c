/**
 * Hive Gateway as `npm run bench:gateway` runs it: the shipped configuration (hive/config.ts),
 * with Hive's merging of identical in-flight subgraph requests on (its default) unless
 * BENCH_HIVE_MERGE=false. Unsafe with signed-in users (see HiveOptions); for measuring only.
 */
import { mercatoGatewayConfig } from '../../hive/config';

export const gatewayConfig = mercatoGatewayConfig(process.env, {
  mergeSubgraphRequests: process.env.BENCH_HIVE_MERGE !== 'false',
});

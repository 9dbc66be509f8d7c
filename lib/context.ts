import type { Registry } from 'prom-client';
import type { Viewer } from './identity';
import type { Logger } from './log';
import type { Peers } from './peers';
import type { Tokens } from './tokens';

export type { Viewer };

/** The context every subgraph resolver receives: its database, per-request loaders and viewer. */
export interface SubgraphContext<TDb, TLoaders> {
  db: TDb;
  loaders: TLoaders;
  viewer: Viewer;
  /** Issues access tokens; present in the subgraph that signs users in (accounts). */
  tokens: Tokens | null;
  /** Signed calls to other subgraphs, for writes that span them (DESIGN.md §5). */
  peers: Peers;
  /** The subgraph's logger, for what a resolver recovers from and the operator should know. */
  logger: Logger;
  /** The server's metrics registry, for domain instruments (lib/metrics/instruments.ts). */
  metrics: Registry;
}

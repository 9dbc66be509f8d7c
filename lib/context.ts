import type { Viewer } from './identity';
import type { Tokens } from './tokens';

export type { Viewer };

/** The context every subgraph resolver receives: its database, per-request loaders and viewer. */
export interface SubgraphContext<TDb, TLoaders> {
  db: TDb;
  loaders: TLoaders;
  viewer: Viewer;
  /** Issues access tokens; present in the subgraph that signs users in (accounts). */
  tokens: Tokens | null;
}

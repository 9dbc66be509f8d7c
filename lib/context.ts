/**
 * Who is asking. Issue #3 fills this from the router's signed identity headers; until a
 * request carries one, the viewer is anonymous.
 */
export interface Viewer {
  userId: number | null;
  roles: string[];
}

export const anonymous: Viewer = { userId: null, roles: [] };

/** The context every subgraph resolver receives: its database, per-request loaders and viewer. */
export interface SubgraphContext<TDb, TLoaders> {
  db: TDb;
  loaders: TLoaders;
  viewer: Viewer;
}

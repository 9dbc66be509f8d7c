import { loadPersistedQueries, manifestPath } from '../../router/persisted/manifest';

/** The persisted CatalogFeed's id, read once from the committed manifest. */
let catalogFeedId: string | undefined;

/**
 * A partner's call as partners make it: the persisted CatalogFeed (`first: 1`) by its hash, with
 * the partner's API key. The router's answer, unread.
 */
export function callCatalogFeed(routerUrl: string, key: string): Promise<Response> {
  catalogFeedId ??= [...loadPersistedQueries(manifestPath).byId.values()].find(
    (op) => op.name === 'CatalogFeed',
  )!.id;
  return fetch(routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({
      operationName: 'CatalogFeed',
      variables: { first: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: catalogFeedId } },
    }),
  });
}

/**
 * What catalog says about products right now, for subgraphs whose writes depend on it (orders
 * takes prices at placement, reviews checks the product exists). Asked through catalog's own
 * entity resolver, signed as the caller, so it is the same batched lookup the router uses.
 */
import type { Viewer } from './identity';
import type { Peers } from './peers';

export interface CatalogProduct {
  id: number;
  price: { amount: number; currency: string };
}

const query = /* GraphQL */ `
  query CatalogProducts($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Product {
        id
        price {
          amount
          currency
        }
      }
    }
  }
`;

type Entity = { id: string; price: { amount: number; currency: string } } | null;

/**
 * The products among `ids` that catalog knows, by id; unknown ids are absent. Throws
 * PeerUnavailable when catalog cannot answer (which must not read as "unknown product").
 */
export async function catalogProducts(
  peers: Peers,
  ids: readonly number[],
  viewer: Viewer,
): Promise<Map<number, CatalogProduct>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const data = await peers.query<{ _entities: Entity[] }>(
    'catalog',
    query,
    { representations: unique.map((id) => ({ __typename: 'Product', id: String(id) })) },
    viewer,
  );
  const found = new Map<number, CatalogProduct>();
  for (const entity of data._entities) {
    if (entity) found.set(Number(entity.id), { id: Number(entity.id), price: entity.price });
  }
  return found;
}

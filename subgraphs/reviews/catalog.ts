/** Reviews' side of the price lookup (contracts/catalog-products.ts): does the product exist? */
import {
  CATALOG_PRODUCTS_QUERY,
  catalogProductsReply,
  catalogProductsVariables,
} from '../../contracts/catalog-products';
import type { Viewer } from '../../lib/identity';
import type { Peers } from '../../lib/peers';

/**
 * Whether catalog knows product `id`. Throws PeerUnavailable when catalog cannot answer (which
 * must not read as "unknown product").
 */
export async function catalogHasProduct(
  peers: Peers,
  id: number,
  viewer: Viewer,
): Promise<boolean> {
  const data = await peers.query(
    'catalog',
    CATALOG_PRODUCTS_QUERY,
    catalogProductsVariables([id]),
    viewer,
    catalogProductsReply,
  );
  return data._entities[0] != null;
}

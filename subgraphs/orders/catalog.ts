/** Orders' side of the price lookup (contracts/catalog-products.ts): prices at placement. */
import {
  CATALOG_PRODUCTS_QUERY,
  catalogProductsReply,
  catalogProductsVariables,
} from '../../contracts/catalog-products';
import type { Viewer } from '../../lib/identity';
import type { Peers } from '../../lib/peers';

export interface Price {
  amount: number;
  currency: string;
}

/**
 * The price of each product among `ids` that catalog knows, by id; unknown ids are absent.
 * Throws PeerUnavailable when catalog cannot answer (which must not read as "unknown product").
 */
export async function catalogPrices(
  peers: Peers,
  ids: readonly number[],
  viewer: Viewer,
): Promise<Map<number, Price>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const data = await peers.query(
    'catalog',
    CATALOG_PRODUCTS_QUERY,
    catalogProductsVariables(unique),
    viewer,
    catalogProductsReply,
  );
  const prices = new Map<number, Price>();
  for (const entity of data._entities) if (entity) prices.set(Number(entity.id), entity.price);
  return prices;
}

/**
 * The price lookup: what catalog says about products right now, for subgraphs whose writes
 * depend on it (orders takes prices at placement, reviews checks the product exists). Asked
 * through catalog's own entity resolver, signed as the caller, so it is the same batched lookup
 * the router uses; each caller checks catalog's `data` with `catalogProductsReply`.
 */
import { z } from 'zod';

export const CATALOG_PRODUCTS_QUERY = /* GraphQL */ `
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

/** The query's variables for `ids`: one Product representation each, in order. */
export function catalogProductsVariables(ids: readonly number[]): {
  representations: { __typename: 'Product'; id: string }[];
} {
  return { representations: ids.map((id) => ({ __typename: 'Product', id: String(id) })) };
}

/** Catalog's `data`: an entity per representation, in order, null for a product it does not know. */
export const catalogProductsReply = z.object({
  _entities: z.array(
    z
      .object({
        id: z.string(),
        price: z.object({ amount: z.number().int(), currency: z.string() }),
      })
      .nullable(),
  ),
});

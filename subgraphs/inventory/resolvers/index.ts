import { GraphQLError } from 'graphql';
import { parseId } from '../../../lib/batch';
import type { ProductResolvers, Resolvers } from '../__generated__/resolvers';
import type { InventoryContext } from '../context';
import { shippingEstimate } from '../shipping';

/** Units on hand for a product; a product without a stock row has none. */
async function available(
  productId: string | number,
  { loaders }: InventoryContext,
): Promise<number> {
  const id = parseId(productId);
  const row = id === null ? null : await loaders.stockByProductId.load(id);
  return row?.available ?? 0;
}

const Product: ProductResolvers = {
  // Stock is looked up lazily by its own loader, so a reference costs nothing until a field asks.
  __resolveReference: (ref) => ref,
  inStock: async (product, _, context) => (await available(product.id, context)) > 0,
  availableQuantity: async (product, _, context) => await available(product.id, context),
  shippingEstimate: (product) => {
    if (typeof product.weightGrams !== 'number') {
      // @requires makes the router send weightGrams; without it this is a planning fault.
      throw new GraphQLError('shippingEstimate needs weightGrams from catalog');
    }
    return shippingEstimate(product.weightGrams);
  },
};

export const resolvers: Resolvers = { Product };

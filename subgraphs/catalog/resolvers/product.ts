import { GraphQLError } from 'graphql';
import { parseId } from '../../../lib/batch';
import { money } from '../../../lib/scalars';
import type { ProductResolvers } from '../__generated__/resolvers';

export const Product: ProductResolvers = {
  // The router resolves Product by either key; both go through batched loaders.
  __resolveReference: async (ref, { loaders }) => {
    if ('sku' in ref && typeof ref.sku === 'string')
      return await loaders.productBySku.load(ref.sku);
    const id = 'id' in ref ? parseId(ref.id) : null;
    return id === null ? null : await loaders.productById.load(id);
  },
  price: (product) => money(product.priceAmount, product.currency),
  category: async (product, _, { loaders }) => {
    const category = await loaders.categoryById.load(product.categoryId);
    // The foreign key guarantees a row; its absence is a server fault, not a client one.
    if (!category)
      throw new GraphQLError(`category ${product.categoryId} of product ${product.id} is missing`);
    return category;
  },
};

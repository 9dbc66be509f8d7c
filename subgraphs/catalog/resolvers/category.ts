import { parseId } from '../../../lib/batch';
import { cursorOf, readPage } from '../../../lib/keyset';
import { toConnection } from '../../../lib/pagination';
import type { CategoryResolvers, ProductConnectionResolvers } from '../__generated__/resolvers';
import { productOrders } from '../db/products';

export const Category: CategoryResolvers = {
  __resolveReference: async (ref, { loaders }) => {
    const id = parseId(ref.id);
    return id === null ? null : await loaders.categoryById.load(id);
  },
  parent: async (category, _, { loaders }) =>
    category.parentId === null ? null : await loaders.categoryById.load(category.parentId),
  children: async (category, _, { loaders }) => await loaders.childrenOf.load(category.id),
  products: async (category, args, { loaders }) => {
    const order = productOrders.NEWEST;
    const page = readPage(order, args);
    const rows = await loaders.productsInCategory.get(page).load(category.id);
    return toConnection(
      rows,
      page,
      (row) => cursorOf(order, row),
      () => loaders.productCountInCategory.load(category.id),
    );
  },
};

export const ProductConnection: ProductConnectionResolvers = {
  totalCount: async (connection) => await connection.count(),
};

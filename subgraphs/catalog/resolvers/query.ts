import { parseId } from '../../../lib/batch';
import { badUserInput } from '../../../lib/errors';
import { cursorOf, readPage } from '../../../lib/keyset';
import { toConnection } from '../../../lib/pagination';
import type { QueryResolvers } from '../__generated__/resolvers';
import { listCategories } from '../db/categories';
import { countProducts, listProducts, productFilter, productOrders } from '../db/products';

/** Exactly one of two lookup arguments, e.g. `product(id:)` or `product(sku:)`. */
function oneOf<A, B>(a: A | null | undefined, b: B | null | undefined, names: string): void {
  if ((a == null) === (b == null)) throw badUserInput(`give exactly one of ${names}`);
}

export const Query: QueryResolvers = {
  product: async (_, { id, sku }, { loaders }) => {
    oneOf(id, sku, '`id` and `sku`');
    if (sku != null) return await loaders.productBySku.load(sku);
    const key = parseId(id ?? '');
    return key === null ? null : await loaders.productById.load(key);
  },

  products: async (_, args, { db }) => {
    const order = productOrders[args.orderBy ?? 'NEWEST'];
    const page = readPage(order, args);
    const where = productFilter(args.filter);
    const rows = await listProducts(db, { where, order, page });
    return toConnection(
      rows,
      page,
      (row) => cursorOf(order, row),
      () => countProducts(db, where),
    );
  },

  categories: async (_, { rootsOnly }, { db }) => await listCategories(db, rootsOnly ?? false),

  category: async (_, { id, slug }, { loaders }) => {
    oneOf(id, slug, '`id` and `slug`');
    if (slug != null) return await loaders.categoryBySlug.load(slug);
    const key = parseId(id ?? '');
    return key === null ? null : await loaders.categoryById.load(key);
  },
};

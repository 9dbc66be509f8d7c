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

/** How many SKUs one `productsBySku` call may name, as a connection's `first` is capped. */
const MAX_SKUS = 100;

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

  // One statement for the whole list: DataLoader batches (and dedupes) the loads of one tick.
  productsBySku: async (_, { skus }, { loaders }) => {
    if (skus.length > MAX_SKUS) throw badUserInput(`give at most ${MAX_SKUS} SKUs`, 'skus');
    return await Promise.all(skus.map((sku) => loaders.productBySku.load(sku)));
  },

  categories: async (_, { rootsOnly }, { db }) => await listCategories(db, rootsOnly ?? false),

  category: async (_, { id, slug }, { loaders }) => {
    oneOf(id, slug, '`id` and `slug`');
    if (slug != null) return await loaders.categoryBySlug.load(slug);
    const key = parseId(id ?? '');
    return key === null ? null : await loaders.categoryById.load(key);
  },
};

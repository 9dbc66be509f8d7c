import { requireAdmin } from '../../../lib/authz';
import { parseId } from '../../../lib/batch';
import type { MutationResolvers } from '../__generated__/resolvers';
import type { CatalogContext } from '../context';
import { insertProduct, updateProductRow, type WriteConflict } from '../db/product-writes';
import type { UserError } from '../../../lib/user-error';
import { checkProductInput, completeFields, type ProductInput } from '../product-input';

const conflicts: Record<WriteConflict, UserError> = {
  SKU_TAKEN: { code: 'SKU_TAKEN', field: 'sku', message: 'Another product has this SKU' },
  NOT_FOUND: { code: 'NOT_FOUND', field: 'id', message: 'There is no such product' },
};

/** Validates an input, including that its category exists (one batched lookup). */
async function checked(input: ProductInput, { loaders }: CatalogContext) {
  const { fields, errors } = checkProductInput(input);
  if (fields.categoryId !== undefined && !(await loaders.categoryById.load(fields.categoryId))) {
    errors.push({
      code: 'UNKNOWN_CATEGORY',
      field: 'categoryId',
      message: 'There is no such category',
    });
  }
  return { fields, errors };
}

export const Mutation: MutationResolvers = {
  // Catalog writes are for admins; anyone else gets a GraphQL error, not a UserError.
  createProduct: async (_, { input }, context) => {
    requireAdmin(context.viewer);
    const { fields, errors } = await checked(input, context);
    const complete = completeFields(fields);
    if (errors.length > 0 || !complete) return { product: null, errors };
    const saved = await insertProduct(context.db, complete);
    return typeof saved === 'string'
      ? { product: null, errors: [conflicts[saved]] }
      : { product: saved, errors: [] };
  },

  updateProduct: async (_, { input }, context) => {
    requireAdmin(context.viewer);
    const id = parseId(input.id);
    if (id === null) return { product: null, errors: [conflicts.NOT_FOUND] };
    const { fields, errors } = await checked(input, context);
    if (errors.length > 0) return { product: null, errors };
    const saved = await updateProductRow(context.db, id, fields);
    return typeof saved === 'string'
      ? { product: null, errors: [conflicts[saved]] }
      : { product: saved, errors: [] };
  },
};

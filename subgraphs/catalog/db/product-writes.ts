import { eq } from 'drizzle-orm';
import { violatesUnique } from '../../../lib/sql';
import type { CatalogDb } from './products';
import { products, type ProductRow } from './schema';
import { statement } from '../../../lib/statements';

/** The columns an admin sets on a product. */
export type ProductFields = Pick<
  typeof products.$inferInsert,
  'sku' | 'name' | 'description' | 'priceAmount' | 'currency' | 'weightGrams' | 'categoryId'
>;

/** Why a write did not happen, when the database itself decided it. */
export type WriteConflict = 'SKU_TAKEN' | 'NOT_FOUND';

/** Inserts a product; `SKU_TAKEN` when the unique index refuses it (a concurrent insert too). */
export const insertProduct = statement(
  'insertProduct',
  async function insertProduct(
    db: CatalogDb,
    fields: ProductFields,
  ): Promise<ProductRow | WriteConflict> {
    try {
      const [row] = await db.insert(products).values(fields).returning();
      if (!row) throw new Error('insert into catalog.products returned no row');
      return row;
    } catch (error) {
      if (violatesUnique(error, 'products_sku_key')) return 'SKU_TAKEN';
      throw error;
    }
  },
);

/** Applies changes to one product; `NOT_FOUND` for an unknown id. */
export const updateProductRow = statement(
  'updateProductRow',
  async function updateProductRow(
    db: CatalogDb,
    id: number,
    changes: Partial<ProductFields>,
  ): Promise<ProductRow | WriteConflict> {
    try {
      const [row] = await db.update(products).set(changes).where(eq(products.id, id)).returning();
      return row ?? 'NOT_FOUND';
    } catch (error) {
      if (violatesUnique(error, 'products_sku_key')) return 'SKU_TAKEN';
      throw error;
    }
  },
);

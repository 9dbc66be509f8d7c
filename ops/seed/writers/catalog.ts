import { copyInto, type CompleteRow, type SeedSql, type TableProgressListener } from '../copy';
import { CURRENCY, type World } from '../world';
import { categories, products } from '../../../subgraphs/catalog/db/schema';

/** Writes the category tree, then the products in it, into the catalog schema. */
export async function seedCatalog(
  sql: SeedSql,
  world: World,
  onProgress?: TableProgressListener,
): Promise<void> {
  function* categoryRows(): Generator<CompleteRow<typeof categories>> {
    for (const category of world.categories()) {
      yield {
        id: category.id,
        name: category.name,
        slug: category.slug,
        parentId: category.parentId,
      };
    }
  }
  function* productRows(): Generator<CompleteRow<typeof products>> {
    for (const product of world.products()) {
      yield {
        id: product.id,
        sku: product.sku,
        name: product.name,
        description: product.description,
        priceAmount: product.priceCents,
        currency: CURRENCY,
        weightGrams: product.weightGrams,
        categoryId: product.categoryId,
        createdAt: product.createdAt,
      };
    }
  }
  // Parents precede children in world.categories(), and the foreign key is checked per row.
  await copyInto(sql, categories, categoryRows(), world.counts.categories, onProgress);
  await copyInto(sql, products, productRows(), world.counts.products, onProgress);
}

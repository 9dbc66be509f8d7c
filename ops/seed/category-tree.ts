import { categoryTree, type CategoryNode, type LeafVocab } from './catalog-vocab';

export interface SeedCategory {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
}

/** A category products can be placed in, with what it takes to name and describe them. */
export interface Leaf {
  categoryId: number;
  vocab: LeafVocab;
  /** SKU prefix of the leaf's top-level category. */
  code: string;
  /** Second description sentences of the leaf's top-level category. */
  closers: readonly string[];
}

export interface FlatTree {
  /** Depth-first, parents before children, ids 1..n in that order. */
  categories: SeedCategory[];
  leaves: Leaf[];
}

/** "Keyboards & Mice" → "keyboards-and-mice", "Men's Clothing" → "mens-clothing". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Numbers the tree depth-first. The result depends only on catalog-vocab.ts, never on seed or
 * scale, so category ids and slugs are the same in every seeded database.
 */
export function flattenCategoryTree(roots: readonly CategoryNode[] = categoryTree): FlatTree {
  const categories: SeedCategory[] = [];
  const leaves: Leaf[] = [];
  const slugs = new Set<string>();

  const visit = (node: CategoryNode, parentId: number | null, top: CategoryNode): void => {
    const id = categories.length + 1;
    const slug = slugify(node.name);
    // Slugs are unique in the database; catch a clash here, where the tree is edited.
    if (slugs.has(slug)) throw new Error(`category tree: duplicate slug "${slug}"`);
    slugs.add(slug);
    categories.push({ id, name: node.name, slug, parentId });
    if (node.vocab) {
      if (!top.code || !top.closers)
        throw new Error(`category tree: "${top.name}" needs code and closers`);
      leaves.push({ categoryId: id, vocab: node.vocab, code: top.code, closers: top.closers });
    }
    for (const child of node.children ?? []) visit(child, id, top);
  };
  for (const root of roots) visit(root, null, root);
  return { categories, leaves };
}

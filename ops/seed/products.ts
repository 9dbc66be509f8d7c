import { brands } from './catalog-vocab';
import { at, DAY_MS, itemOf, leafOf, QUIET_DAYS_BEFORE_UNTIL, type Facts } from './facts';
import type { OrderTally } from './holds';
import { rngFor } from './prng';

export interface SeedProduct {
  id: number;
  sku: string;
  name: string;
  description: string;
  priceCents: number;
  weightGrams: number;
  categoryId: number;
  createdAt: Date;
}

export interface SeedStock {
  productId: number;
  available: number;
  reserved: number;
  updatedAt: Date;
}

/** Products by id: "<Brand> <Feature> <Noun>", a blurb and a department closer. */
export function* generateProducts(facts: Facts): Generator<SeedProduct> {
  for (let id = 1; id <= facts.counts.products; id++) {
    const rng = rngFor(facts.seed, 'product-text', id);
    const leaf = leafOf(facts, id);
    const item = itemOf(facts, id);
    const name = (leaf.vocab.pattern ?? '{brand} {feature} {noun}')
      .replace('{brand}', rng.pick(leaf.vocab.brands ?? brands))
      .replace('{feature}', rng.pick(item.features ?? leaf.vocab.features))
      .replace('{noun}', item.noun);
    yield {
      id,
      sku: `${leaf.code}-${String(id).padStart(6, '0')}`,
      name,
      description: `${rng.pick(leaf.vocab.blurbs)} ${rng.pick(leaf.closers)}`,
      priceCents: at(facts.productPrice, id - 1, 'product'),
      weightGrams: at(facts.productWeight, id - 1, 'product'),
      categoryId: leaf.categoryId,
      createdAt: new Date(at(facts.productCreated, id - 1, 'product')),
    };
  }
}

/**
 * One stock row per product: about 8% have nothing left to order; `reserved` is what the
 * confirmed orders hold (see holds.ts), on top of `available`. The row was last updated when
 * it was counted in, or later when an order's hold took or gave back units.
 */
export function* generateStock(
  facts: Facts,
  holds: Pick<OrderTally, 'reserved' | 'holdsChangedAt'>,
): Generator<SeedStock> {
  for (let productId = 1; productId <= facts.counts.products; productId++) {
    const rng = rngFor(facts.seed, 'stock', productId);
    const created = at(facts.productCreated, productId - 1, 'product');
    // Drawn in this order, available first, so both stay as they were before holds existed.
    const available = rng.chance(0.08) ? 0 : rng.int(1, 200);
    const counted = created + rng.int(0, QUIET_DAYS_BEFORE_UNTIL * DAY_MS);
    yield {
      productId,
      available,
      reserved: at(holds.reserved, productId - 1, 'product'),
      updatedAt: new Date(Math.max(counted, at(holds.holdsChangedAt, productId - 1, 'product'))),
    };
  }
}

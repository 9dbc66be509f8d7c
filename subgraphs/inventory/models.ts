import type { EntityRef } from '../../lib/federation';

/** A catalog product as the router hands it to inventory: its key, and its weight when required. */
export interface ProductRefModel extends EntityRef {
  weightGrams?: number | null;
}

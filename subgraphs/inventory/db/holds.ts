import { sql } from 'drizzle-orm';
import { intArray } from '../../../lib/sql';
import type { InventoryDb } from './stock';
import { statement } from '../../../lib/statements';

export interface HoldLine {
  productId: number;
  quantity: number;
}

export type ReserveOutcome =
  | { outcome: 'HELD' }
  /** The order was released before this reserve: nothing is (or will be) held for it. */
  | { outcome: 'RELEASED' }
  /** Line `line` (0-based) asks for more than `available`; nothing is or will be held. */
  | { outcome: 'INSUFFICIENT'; line: number; productId: number; available: number };

/**
 * Holds `lines` for order `orderId`: every line or none. Idempotent per order: once an order
 * has a hold (or was released), later calls only report it, whatever lines they carry.
 * One call of `inventory.reserve_stock` (migration 0002_stock_functions), so a product's row
 * lock is held only while the function runs; it locks rows in product order, so concurrent
 * multi-line orders cannot deadlock, and `available` never goes below zero (checked under the
 * lock, and by a constraint underneath).
 */
export const reserve = statement(
  'reserve',
  async function reserve(
    db: InventoryDb,
    orderId: number,
    lines: readonly HoldLine[],
  ): Promise<ReserveOutcome> {
    const rows = await db.execute<{
      outcome: 'HELD' | 'RELEASED' | 'INSUFFICIENT';
      short_line: number | null;
      short_product_id: number | null;
      short_available: number | null;
    }>(sql`select * from inventory.reserve_stock(${orderId},
    ${intArray(lines.map((l) => l.productId))}, ${intArray(lines.map((l) => l.quantity))})`);
    const row = rows[0];
    if (!row) throw new Error('reserve_stock returned no row');
    if (row.outcome !== 'INSUFFICIENT') return { outcome: row.outcome };
    return {
      outcome: 'INSUFFICIENT',
      line: row.short_line ?? 0,
      productId: row.short_product_id ?? 0,
      available: row.short_available ?? 0,
    };
  },
);

/**
 * Gives back what order `orderId` holds, exactly once however often it is called (concurrent
 * calls included); an order with no hold gets a RELEASED marker, so a reserve still on its way
 * is refused. Returns whether this call returned stock. One call of `inventory.release_stock`.
 */
export const release = statement(
  'release',
  async function release(db: InventoryDb, orderId: number): Promise<boolean> {
    const rows = await db.execute<{ released: boolean }>(
      sql`select inventory.release_stock(${orderId}) as released`,
    );
    return rows[0]?.released === true;
  },
);

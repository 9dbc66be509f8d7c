import { and, asc, eq, sql } from 'drizzle-orm';
import { anyInt, intArray } from '../../../lib/sql';
import { holdLines, holds, stock } from './schema';
import type { InventoryDb } from './stock';

export interface HoldLine {
  productId: number;
  quantity: number;
}

export type ReserveOutcome =
  | { outcome: 'HELD' }
  /** The order was released before this reserve: nothing is (or will be) held for it. */
  | { outcome: 'RELEASED' }
  /** Line `line` (0-based) asks for more than `available`; nothing was held. */
  | { outcome: 'INSUFFICIENT'; line: number; productId: number; available: number };

class Insufficient extends Error {
  constructor(readonly detail: Extract<ReserveOutcome, { outcome: 'INSUFFICIENT' }>) {
    super('insufficient stock');
  }
}

/**
 * Holds `lines` for order `orderId`: every line or none. Idempotent per order: once an order
 * has a hold (or was released), later calls only report it, whatever lines they carry.
 * Stock rows are locked in product order, so concurrent multi-line orders cannot deadlock,
 * and `available` never goes below zero (checked here, and by a constraint underneath).
 */
export async function reserve(
  db: InventoryDb,
  orderId: number,
  lines: readonly HoldLine[],
): Promise<ReserveOutcome> {
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(holds)
        .values({ orderId, state: 'HELD' })
        .onConflictDoNothing()
        .returning({ orderId: holds.orderId });
      if (claimed.length === 0) {
        // Already decided: ON CONFLICT waited for the other transaction, so its row is visible.
        const [existing] = await tx
          .select({ state: holds.state })
          .from(holds)
          .where(eq(holds.orderId, orderId));
        return { outcome: existing?.state ?? 'RELEASED' };
      }
      const productIds = lines.map((l) => l.productId);
      const rows = await tx
        .select({ productId: stock.productId, available: stock.available })
        .from(stock)
        .where(anyInt(stock.productId, productIds))
        .orderBy(asc(stock.productId))
        .for('update');
      const available = new Map(rows.map((r) => [r.productId, r.available]));
      lines.forEach((line, index) => {
        const has = available.get(line.productId) ?? 0;
        if (has < line.quantity) {
          throw new Insufficient({
            outcome: 'INSUFFICIENT',
            line: index,
            productId: line.productId,
            available: has,
          });
        }
      });
      await tx.execute(sql`
        update ${stock} set
          available = ${stock.available} - wanted.quantity,
          reserved = ${stock.reserved} + wanted.quantity,
          updated_at = now()
        from unnest(${intArray(productIds)}, ${intArray(lines.map((l) => l.quantity))})
          as wanted(product_id, quantity)
        where ${stock.productId} = wanted.product_id`);
      await tx.insert(holdLines).values(lines.map((l) => ({ orderId, ...l })));
      return { outcome: 'HELD' } as const;
    });
  } catch (error) {
    // The transaction is rolled back: not even the claim on the order remains.
    if (error instanceof Insufficient) return error.detail;
    throw error;
  }
}

/**
 * Gives back what order `orderId` holds, exactly once however often it is called (concurrent
 * calls included): only the call that moves the hold from HELD to RELEASED returns stock. An
 * order with no hold gets a RELEASED marker, so a reserve still on its way is refused.
 * Returns whether this call returned stock.
 */
export async function release(db: InventoryDb, orderId: number): Promise<boolean> {
  return await db.transaction(async (tx) => {
    for (;;) {
      const [held] = await tx
        .update(holds)
        .set({ state: 'RELEASED', updatedAt: sql`now()` })
        .where(and(eq(holds.orderId, orderId), eq(holds.state, 'HELD')))
        .returning({ orderId: holds.orderId });
      if (held) {
        // Lock in product order, as reserve does, so the two cannot deadlock.
        await tx
          .select({ productId: stock.productId })
          .from(stock)
          .where(
            sql`${stock.productId} in (select ${holdLines.productId} from ${holdLines} where ${holdLines.orderId} = ${orderId})`,
          )
          .orderBy(asc(stock.productId))
          .for('update');
        await tx.execute(sql`
          update ${stock} set
            available = ${stock.available} + ${holdLines.quantity},
            reserved = ${stock.reserved} - ${holdLines.quantity},
            updated_at = now()
          from ${holdLines}
          where ${holdLines.orderId} = ${orderId} and ${stock.productId} = ${holdLines.productId}`);
        return true;
      }
      const marked = await tx
        .insert(holds)
        .values({ orderId, state: 'RELEASED' })
        .onConflictDoNothing()
        .returning({ orderId: holds.orderId });
      if (marked.length > 0) return false;
      // A row exists: RELEASED already (nothing to do) or a reserve committed since our update
      // looked (loop, and this time the update sees and releases it).
      const [existing] = await tx
        .select({ state: holds.state })
        .from(holds)
        .where(eq(holds.orderId, orderId));
      if (existing?.state !== 'HELD') return false;
    }
  });
}

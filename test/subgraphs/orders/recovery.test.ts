import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../lib/identity';
import { auditStock } from '../../../scripts/stock-audit';
import { cancelOrder, placeOrder } from '../../../subgraphs/orders/placement';
import { recoverOrders, type RecoverySettings } from '../../../subgraphs/orders/recovery';
import { orderTestProducts, PEER_DOWN, placementDeps, stockOf } from '../../support/orders';
import { useSubgraphs } from '../../support/subgraphs';

/**
 * Subgraph tier: orders' recovery (recovery.ts) on its own, against real catalog and inventory
 * subgraphs on this file's database. Orders are left unfinished the way a cut-off placement or
 * an inventory outage leaves them, then one pass is run and its report and effects checked.
 * A pass settles every unfinished order of the database, so each test starts from none.
 */
const harness = useSubgraphs(['catalog', 'inventory']);
const buyer: Viewer = { userId: 11, roles: ['CUSTOMER'], partnerId: null };
let serial = 0;
const deps = placementDeps(harness);
const products = orderTestProducts(harness, 'RECOVER');

const settings = (overrides: Partial<RecoverySettings> = {}): RecoverySettings => ({
  staleAfterMs: 0,
  giveUpAfterMs: 3_600_000,
  batchSize: 100,
  ...overrides,
});

/** An order placed while inventory was down: recorded, PENDING, holding nothing. */
async function pendingOrder(productId: number, quantity: number): Promise<number> {
  const placed = await placeOrder(deps({ inventory: PEER_DOWN }), buyer, {
    idempotencyKey: `recovery-${++serial}`,
    lines: [{ productId, quantity }],
  });
  expect(placed.order?.status).toBe('PENDING');
  return placed.order!.id;
}

async function orderRow(id: number) {
  const [row] = await harness.sql<
    { status: string; release_due: boolean; rejection: { code: string } | null }[]
  >`
    select status, release_due, rejection from orders.orders where id = ${id}`;
  return row!;
}

describe('recoverOrders', () => {
  it('confirms a stale PENDING order whose stock can be held, and rejects one whose cannot', async () => {
    const p = await products.create(2);
    const fits = await pendingOrder(p, 2);
    const short = await pendingOrder(p, 1);
    const report = await recoverOrders(deps(), settings());
    expect(report).toMatchObject({ confirmed: 1, rejected: 1, stillPending: 0 });
    expect((await orderRow(fits)).status).toBe('CONFIRMED');
    expect(await orderRow(short)).toMatchObject({ status: 'REJECTED', release_due: false });
    expect((await orderRow(short)).rejection?.code).toBe('OUT_OF_STOCK');
    expect(await stockOf(harness.sql, p)).toEqual({ available: 0, reserved: 2 });
  });

  it('leaves orders younger than RECOVERY_STALE_MS to their live placeOrder', async () => {
    const p = await products.create(1);
    const young = await pendingOrder(p, 1);
    const report = await recoverOrders(deps(), settings({ staleAfterMs: 60_000 }));
    expect(report.confirmed + report.rejected + report.stillPending).toBe(0);
    expect((await orderRow(young)).status).toBe('PENDING');
    await recoverOrders(deps(), settings());
  });

  it('keeps an order PENDING while inventory is down, then gives up and still releases it', async () => {
    const p = await products.create(3);
    const id = await pendingOrder(p, 1);
    expect(await recoverOrders(deps({ inventory: PEER_DOWN }), settings())).toMatchObject({
      stillPending: 1,
      confirmed: 0,
    });
    // Past PENDING_GIVE_UP_MS (here: at once) with inventory still down: rejected, release owed.
    const gaveUp = await recoverOrders(
      deps({ inventory: PEER_DOWN }),
      settings({ giveUpAfterMs: 0 }),
    );
    expect(gaveUp).toMatchObject({ rejected: 1, stillPending: 0, releaseDeferred: 1 });
    expect(await orderRow(id)).toMatchObject({ status: 'REJECTED', release_due: true });
    expect((await orderRow(id)).rejection?.code).toBe('STOCK_UNAVAILABLE');
    // Inventory is back: the release is paid once, and a late reserve for the order is refused.
    expect(await recoverOrders(deps(), settings())).toMatchObject({ released: 1 });
    expect(await recoverOrders(deps(), settings())).toMatchObject({ released: 0 });
    const [hold] = await harness.sql<{ state: string }[]>`
      select state from inventory.holds where order_id = ${id}`;
    expect(hold?.state).toBe('RELEASED');
    const audit = await auditStock(harness.sql, { productIds: [p], initial: new Map([[p, 3]]) });
    expect(audit.violations).toEqual([]);
    expect(audit.unsettled).toEqual({ pending: 0, releaseDue: 0 });
  });

  it('pays a cancelled order’s release that inventory could not take at the time', async () => {
    const p = await products.create(4);
    const placed = await placeOrder(deps(), buyer, {
      idempotencyKey: `recovery-${++serial}`,
      lines: [{ productId: p, quantity: 4 }],
    });
    expect(placed.order?.status).toBe('CONFIRMED');
    const cancelled = await cancelOrder(deps({ inventory: PEER_DOWN }), placed.order);
    expect(cancelled.order?.status).toBe('CANCELLED');
    expect(await orderRow(placed.order!.id)).toMatchObject({ release_due: true });
    expect(await stockOf(harness.sql, p)).toEqual({ available: 0, reserved: 4 });
    expect(await recoverOrders(deps(), settings())).toMatchObject({ released: 1 });
    expect(await stockOf(harness.sql, p)).toEqual({ available: 4, reserved: 0 });
    expect(await orderRow(placed.order!.id)).toMatchObject({ release_due: false });
  });

  it('settles each order once when passes of two replicas race', async () => {
    const p = await products.create(5);
    const ids = await Promise.all(Array.from({ length: 8 }, () => pendingOrder(p, 1)));
    const [a, b] = await Promise.all([
      recoverOrders(deps(), settings()),
      recoverOrders(deps(), settings()),
    ]);
    expect(a.confirmed + b.confirmed).toBeGreaterThanOrEqual(5);
    const statuses = await Promise.all(ids.map(async (id) => (await orderRow(id)).status));
    expect(statuses.filter((s) => s === 'CONFIRMED')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'REJECTED')).toHaveLength(3);
    const audit = await auditStock(harness.sql, { productIds: [p], initial: new Map([[p, 5]]) });
    expect(audit.violations).toEqual([]);
  });
});

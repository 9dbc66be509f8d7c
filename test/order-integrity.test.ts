import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditStock } from '../scripts/stock-audit';
import {
  availableThroughRouter,
  cancelOrder,
  orderTestProducts,
  placeOrder,
  placeOrderRetrying,
  stockOf,
} from './support/orders';
import { expectNoneLost, statusesOf, type Acknowledged } from './support/integrity';
import { useSupergraph } from './support/supergraph';

/**
 * The guarantees of DESIGN.md §5 under concurrency and faults (issue 4), on real PostgreSQL and
 * through the router: stock is never oversold nor negative, one key is one order, an
 * acknowledged order is never lost, and after a crash or an outage plus recovery every unit is
 * either available or held by a live order. Each test prints what it ran.
 */
const supergraph = useSupergraph();
const products = orderTestProducts(supergraph, `INT-${process.pid}`);
const buyers: Record<string, string>[] = [];
let serial = 0;
const key = (label: string) => `integrity-${process.pid}-${label}-${++serial}`;

beforeAll(async () => {
  for (let id = 120; id < 140; id++) buyers.push(await supergraph.stack.authAs(id));
});
afterAll(async () => {
  await products.removeAll();
});

/** Watches a product's stock while `work` runs; returns the lowest `available` seen. */
async function lowestAvailableDuring(productId: number, work: Promise<unknown>): Promise<number> {
  let lowest = Number.POSITIVE_INFINITY;
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    lowest = Math.min(lowest, (await stockOf(supergraph.sql, productId)).available);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Math.min(lowest, (await stockOf(supergraph.sql, productId)).available);
}

const tally = (orders: Acknowledged[]) =>
  orders.reduce<Record<string, number>>((counts, o) => {
    counts[o.status] = (counts[o.status] ?? 0) + 1;
    return counts;
  }, {});

describe('integrity under concurrency', () => {
  // 200 placements through the router on 2 cores: give a loaded machine room (the calls retry
  // until their own 60 s deadline).
  it('sells exactly the stock there is to 200 concurrent buyers', { timeout: 90_000 }, async () => {
    const UNITS = 50;
    const CALLS = 200;
    const product = await products.create(UNITS);
    const deadline = Date.now() + 60_000;
    const burst = Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        placeOrderRetrying(
          supergraph.stack.routerUrl,
          buyers[i % buyers.length]!,
          key('burst'),
          [{ productId: product, quantity: 1 }],
          deadline,
        ),
      ),
    );
    const lowest = await lowestAvailableDuring(product, burst);
    const answers = await burst;

    const acknowledged = answers.map((a) => a?.payload.order).filter((o) => o != null);
    expect(acknowledged).toHaveLength(CALLS);
    expect(new Set(acknowledged.map((o) => o.id)).size).toBe(CALLS);
    // Under this burst an answer may be PENDING (inventory slower than placeOrder's deadline);
    // recovery settles those, and then exactly the stock there was is sold.
    const settled = await supergraph.stack.recoverOrders();
    expect(await statusesOf(supergraph.sql, product)).toEqual({
      CONFIRMED: UNITS,
      REJECTED: CALLS - UNITS,
    });
    for (const answer of answers) {
      if (answer?.payload.order?.status === 'REJECTED') {
        expect(answer.payload.errors.map((e) => e.code)).toEqual(['OUT_OF_STOCK']);
      }
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(await stockOf(supergraph.sql, product)).toEqual({ available: 0, reserved: UNITS });
    const audit = await auditStock(supergraph.sql, {
      productIds: [product],
      initial: new Map([[product, UNITS]]),
    });
    expect(audit.violations).toEqual([]);
    expect(audit.unsettled).toEqual({ pending: 0, releaseDue: 0 });
    await expectNoneLost(supergraph.sql, acknowledged);
    expect(await availableThroughRouter(supergraph.stack.routerUrl, product)).toBe(0);
    const retries = answers.reduce((n, a) => n + (a?.attempts ?? 0) - 1, 0);
    console.info(
      `200 concurrent placeOrder: ${CALLS} calls (+${retries} retries), ${UNITS} units; ` +
        `answered ${JSON.stringify(tally(acknowledged))}, recovery ${JSON.stringify(settled)}; ` +
        `lowest available seen ${lowest}`,
    );
  });

  it('makes one order of 100 concurrent calls with one idempotency key', async () => {
    const product = await products.create(10);
    const k = key('same');
    const deadline = Date.now() + 60_000;
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        placeOrderRetrying(
          supergraph.stack.routerUrl,
          buyers[0]!,
          k,
          [{ productId: product, quantity: 2 }],
          deadline,
        ),
      ),
    );
    const ids = new Set(answers.map((a) => a?.payload.order?.id));
    expect(ids.size).toBe(1);
    expect(ids.has(undefined)).toBe(false);
    const rows = await supergraph.sql`
      select id from orders.orders where idempotency_key = ${k}`;
    expect(rows).toHaveLength(1);
    expect(await stockOf(supergraph.sql, product)).toEqual({ available: 8, reserved: 2 });
    expect(await availableThroughRouter(supergraph.stack.routerUrl, product)).toBe(8);
    console.info(`100 concurrent retries of one key: ${ids.size} order, 2 of 10 units held`);
  });

  it('returns stock once to 20 concurrent cancels of one order', async () => {
    const product = await products.create(10);
    const { payload } = await placeOrder(supergraph.stack.routerUrl, buyers[1]!, key('cancel'), [
      { productId: product, quantity: 4 },
    ]);
    expect(payload?.order?.status).toBe('CONFIRMED');
    const id = payload!.order!.id;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cancelOrder(supergraph.stack.routerUrl, i % 2 ? buyers[1]! : supergraph.admin, id),
      ),
    );
    for (const answer of answers) {
      expect(answer.payload).toEqual({ order: { id, status: 'CANCELLED' }, errors: [] });
    }
    expect(await stockOf(supergraph.sql, product)).toEqual({ available: 10, reserved: 0 });
    expect(await availableThroughRouter(supergraph.stack.routerUrl, product)).toBe(10);
    const audit = await auditStock(supergraph.sql, {
      productIds: [product],
      initial: new Map([[product, 10]]),
    });
    expect(audit.violations).toEqual([]);
    console.info('20 concurrent cancels of one order: 4 units returned once');
  });
});

describe('integrity under faults', () => {
  it('recovers a burst during which inventory stalls and then goes down', async () => {
    const UNITS = 30;
    const CALLS = 60;
    const product = await products.create(UNITS);
    const initial = new Map([[product, UNITS]]);
    // Stall: a transaction holds the product's stock row, so reserves queue behind it past
    // placeOrder's deadline (PEER_TIMEOUT_MS, 3 s) — and then go through, holding stock for
    // orders placeOrder left PENDING: the case recovery exists for.
    const stall = supergraph.sql.reserve();
    const staller = await stall;
    await staller`begin`;
    await staller`select 1 from inventory.stock where product_id = ${product} for update`;
    {
      const firstHalf = await Promise.all(
        Array.from({ length: CALLS / 2 }, (_, i) =>
          placeOrder(supergraph.stack.routerUrl, buyers[i % buyers.length]!, key('stall'), [
            { productId: product, quantity: 1 },
          ]),
        ),
      );
      await staller`commit`;
      staller.release();
      // Down: inventory stops while the second half is placed; nothing reaches it.
      let secondHalf: Awaited<ReturnType<typeof placeOrder>>[] = [];
      await supergraph.stack.restartSubgraph('inventory', async () => {
        secondHalf = await Promise.all(
          Array.from({ length: CALLS / 2 }, (_, i) =>
            placeOrder(supergraph.stack.routerUrl, buyers[i % buyers.length]!, key('down'), [
              { productId: product, quantity: 1 },
            ]),
          ),
        );
      });
      const acknowledged = [...firstHalf, ...secondHalf]
        .map((a) => a.payload?.order)
        .filter((o) => o != null);
      const before = tally(acknowledged);
      // While inventory was stalled or down, placeOrder could confirm nothing: all PENDING.
      expect(before).toEqual({ PENDING: CALLS });
      const held = (await auditStock(supergraph.sql, { productIds: [product] })).products[0]!;

      const report = await supergraph.stack.recoverOrders();
      const audit = await auditStock(supergraph.sql, { productIds: [product], initial });
      expect(audit.violations).toEqual([]);
      expect(audit.unsettled).toEqual({ pending: 0, releaseDue: 0 });
      expect(report.stillPending).toBe(0);
      expect(await statusesOf(supergraph.sql, product)).toEqual({
        CONFIRMED: UNITS,
        REJECTED: CALLS - UNITS,
      });
      await expectNoneLost(supergraph.sql, acknowledged);
      expect(await availableThroughRouter(supergraph.stack.routerUrl, product)).toBe(0);
      console.info(
        `inventory stalled then down during ${CALLS} placeOrder calls: all ${CALLS} ` +
          `acknowledged PENDING, ${held.held} units held behind placeOrder's back; ` +
          `recovery: ${JSON.stringify(report)}`,
      );
    }
  });

  it('gives up on an order whose stock cannot be held in time, and still releases it', async () => {
    const product = await products.create(3);
    let placed: Awaited<ReturnType<typeof placeOrder>> | undefined;
    let report: Awaited<ReturnType<typeof supergraph.stack.recoverOrders>> | undefined;
    await supergraph.stack.restartSubgraph('inventory', async () => {
      placed = await placeOrder(supergraph.stack.routerUrl, buyers[2]!, key('give-up'), [
        { productId: product, quantity: 1 },
      ]);
      // Inventory is still down, and the order is past PENDING_GIVE_UP_MS (here: at once).
      report = await supergraph.stack.recoverOrders({ giveUpAfterMs: 0 });
    });
    const id = Number(placed!.payload!.order!.id);
    expect(placed!.payload!.order!.status).toBe('PENDING');
    expect(report!.stillPending).toBe(0);
    const [order] = await supergraph.sql<
      { status: string; release_due: boolean; rejection: { code: string } }[]
    >`select status, release_due, rejection from orders.orders where id = ${id}`;
    // Rejected while inventory could not confirm what it holds: the release is still owed.
    expect(order).toMatchObject({ status: 'REJECTED', release_due: true });
    expect(order!.rejection.code).toBe('STOCK_UNAVAILABLE');

    // Inventory is back: the next pass pays what is owed, and a late reserve is refused.
    expect((await supergraph.stack.recoverOrders()).released).toBeGreaterThanOrEqual(1);
    const audit = await auditStock(supergraph.sql, {
      productIds: [product],
      initial: new Map([[product, 3]]),
    });
    expect(audit.violations).toEqual([]);
    expect(audit.unsettled).toEqual({ pending: 0, releaseDue: 0 });
    const [hold] = await supergraph.sql<{ state: string }[]>`
      select state from inventory.holds where order_id = ${id}`;
    expect(hold?.state).toBe('RELEASED');
    expect(await availableThroughRouter(supergraph.stack.routerUrl, product)).toBe(3);
  });
});

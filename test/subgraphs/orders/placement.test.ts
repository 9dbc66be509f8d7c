import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../lib/identity';
import { auditStock } from '../../../scripts/stock-audit';
import { cancelOrder, placeOrder } from '../../../subgraphs/orders/placement';
import { orderTestProducts, PEER_DOWN, placementDeps, stockOf } from '../../support/orders';
import { useSubgraphs } from '../../support/subgraphs';

/**
 * Subgraph tier: orders' placement use-case (placement.ts) on its own — no router, no orders
 * server — against real catalog and inventory subgraphs on this file's database.
 */
const harness = useSubgraphs(['catalog', 'inventory']);
const buyer = (userId: number): Viewer => ({ userId, roles: ['CUSTOMER'], partnerId: null });
let serial = 0;
const key = () => `placement-${++serial}`;

const deps = placementDeps(harness);
const products = orderTestProducts(harness, 'PLACE');

describe('placeOrder', () => {
  it('confirms an order at catalog prices and holds its stock in inventory', async () => {
    const a = await products.create(5, 1_250);
    const b = await products.create(5, 300);
    const placed = await placeOrder(deps(), buyer(7), {
      idempotencyKey: key(),
      lines: [
        { productId: String(a), quantity: 2 },
        { productId: b, quantity: 1 },
      ],
    });
    expect(placed.errors).toEqual([]);
    expect(placed.order).toMatchObject({ status: 'CONFIRMED', buyerId: 7, totalAmount: 2_800 });
    expect(await stockOf(harness.sql, a)).toEqual({ available: 3, reserved: 2 });
    expect(await stockOf(harness.sql, b)).toEqual({ available: 4, reserved: 1 });
  });

  it('answers a retry with the same order, and another request under the key with an error', async () => {
    const p = await products.create(5);
    const k = key();
    const input = { idempotencyKey: k, lines: [{ productId: p, quantity: 1 }] };
    const first = await placeOrder(deps(), buyer(8), input);
    const retry = await placeOrder(deps(), buyer(8), input);
    expect(retry.order?.id).toBe(first.order?.id);
    const other = await placeOrder(deps(), buyer(8), {
      ...input,
      lines: [{ productId: p, quantity: 2 }],
    });
    expect(other).toEqual({
      order: null,
      errors: [expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })],
    });
    // The same key is another buyer's own.
    const theirs = await placeOrder(deps(), buyer(9), input);
    expect(theirs.order?.id).not.toBe(first.order?.id);
    expect(await stockOf(harness.sql, p)).toEqual({ available: 3, reserved: 2 });
  });

  it('records a rejection naming the line: unknown product, short stock', async () => {
    const p = await products.create(1);
    const unknown = await placeOrder(deps(), buyer(7), {
      idempotencyKey: key(),
      lines: [
        { productId: p, quantity: 1 },
        { productId: 999_999, quantity: 1 },
      ],
    });
    expect(unknown.order?.status).toBe('REJECTED');
    expect(unknown.errors).toMatchObject([
      { code: 'UNKNOWN_PRODUCT', field: 'lines[1].productId' },
    ]);
    const short = await placeOrder(deps(), buyer(7), {
      idempotencyKey: key(),
      lines: [{ productId: p, quantity: 2 }],
    });
    expect(short.order?.status).toBe('REJECTED');
    expect(short.errors).toMatchObject([{ code: 'OUT_OF_STOCK', field: 'lines[0].quantity' }]);
    expect(await stockOf(harness.sql, p)).toEqual({ available: 1, reserved: 0 });
  });

  it('refuses anonymous callers before anything is recorded', async () => {
    await expect(
      placeOrder(
        deps(),
        { userId: null, roles: [], partnerId: null },
        {
          idempotencyKey: key(),
          lines: [{ productId: 1, quantity: 1 }],
        },
      ),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('records nothing when catalog is down (SERVICE_UNAVAILABLE, retryable)', async () => {
    const p = await products.create(3);
    const k = key();
    await expect(
      placeOrder(deps({ catalog: PEER_DOWN }), buyer(7), {
        idempotencyKey: k,
        lines: [{ productId: p, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    const [row] =
      await harness.sql`select count(*)::int as n from orders.orders where idempotency_key = ${k}`;
    expect(row!.n).toBe(0);
  });

  it('leaves the order PENDING, holding nothing, when inventory is down', async () => {
    const p = await products.create(3);
    const placed = await placeOrder(deps({ inventory: PEER_DOWN }), buyer(7), {
      idempotencyKey: key(),
      lines: [{ productId: p, quantity: 1 }],
    });
    expect(placed).toMatchObject({ order: { status: 'PENDING' }, errors: [] });
    expect(await stockOf(harness.sql, p)).toEqual({ available: 3, reserved: 0 });
  });

  it('sells exactly the stock there is to 40 concurrent buyers', async () => {
    const p = await products.create(15);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        placeOrder(deps(), buyer(100 + (i % 20)), {
          idempotencyKey: key(),
          lines: [{ productId: p, quantity: 1 }],
        }),
      ),
    );
    const statuses = answers.map((a) => a.order?.status);
    expect(statuses.filter((s) => s === 'CONFIRMED')).toHaveLength(15);
    expect(statuses.filter((s) => s === 'REJECTED')).toHaveLength(25);
    const audit = await auditStock(harness.sql, { productIds: [p], initial: new Map([[p, 15]]) });
    expect(audit.violations).toEqual([]);
  });
});

describe('cancelOrder', () => {
  it('cancels a confirmed order once and gives its stock back once', async () => {
    const p = await products.create(4);
    const placed = await placeOrder(deps(), buyer(7), {
      idempotencyKey: key(),
      lines: [{ productId: p, quantity: 3 }],
    });
    const again = await Promise.all(
      Array.from({ length: 5 }, () => cancelOrder(deps(), placed.order)),
    );
    for (const answer of again)
      expect(answer).toMatchObject({ order: { status: 'CANCELLED' }, errors: [] });
    expect(await stockOf(harness.sql, p)).toEqual({ available: 4, reserved: 0 });
  });

  it('refuses a rejected order and reports an unknown one', async () => {
    const p = await products.create(0);
    const rejected = await placeOrder(deps(), buyer(7), {
      idempotencyKey: key(),
      lines: [{ productId: p, quantity: 1 }],
    });
    expect((await cancelOrder(deps(), rejected.order)).errors).toMatchObject([
      { code: 'NOT_CANCELLABLE' },
    ]);
    expect((await cancelOrder(deps(), null)).errors).toMatchObject([{ code: 'NOT_FOUND' }]);
  });
});

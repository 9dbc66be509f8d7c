import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes } from './support/graphql';
import {
  availableThroughRouter,
  cancelOrder,
  orderTestProducts,
  placeOrder,
  stockOf,
  type OrderPayload,
} from './support/orders';
import { useSupergraph } from './support/supergraph';

/**
 * placeOrder and cancelOrder one call at a time (DESIGN.md §5, issue 4): what is recorded, what
 * is held, what each refusal says, and that every change shows through the router at once.
 * Concurrency and faults are in order-integrity.test.ts.
 */
const supergraph = useSupergraph();
const products = orderTestProducts(supergraph, `ORD-${process.pid}`);
let buyer: Record<string, string>;
let other: Record<string, string>;
let kettle: number;
let mug: number;
let serial = 0;
const key = () => `orders-writes-${process.pid}-${++serial}`;

beforeAll(async () => {
  buyer = await supergraph.stack.authAs(150);
  other = await supergraph.stack.authAs(151);
  kettle = await products.create(10, 2_500);
  mug = await products.create(3, 800);
});
afterAll(async () => {
  await products.removeAll();
});

const place = (lines: { productId: string | number; quantity: number }[], k = key(), as = buyer) =>
  placeOrder(supergraph.stack.routerUrl, as, k, lines);

async function orderThroughRouter(id: string, headers = buyer) {
  const data = await dataOf<{ order: NonNullable<OrderPayload['order']> | null }>(
    supergraph.stack.routerUrl,
    `query ($id: ID!) { order(id: $id) { id status total { amount } lines { quantity } } }`,
    { id },
    headers,
  );
  return data.order;
}

describe('placeOrder', () => {
  it('confirms an order, prices its lines from the catalog and holds its stock', async () => {
    const { payload } = await place([
      { productId: kettle, quantity: 2 },
      { productId: mug, quantity: 1 },
    ]);
    expect(payload?.errors).toEqual([]);
    expect(payload?.order).toMatchObject({
      status: 'CONFIRMED',
      total: { amount: 2 * 2_500 + 800, currency: 'USD' },
      lines: [
        { quantity: 2, unitPrice: { amount: 2_500 }, product: { id: String(kettle) } },
        { quantity: 1, unitPrice: { amount: 800 }, product: { id: String(mug) } },
      ],
    });
    expect(await stockOf(supergraph.sql, kettle)).toEqual({ available: 8, reserved: 2 });
    expect(await availableThroughRouter(supergraph.stack.routerUrl, kettle)).toBe(8);
    expect(await availableThroughRouter(supergraph.stack.routerUrl, mug)).toBe(2);
    expect((await orderThroughRouter(payload!.order!.id))?.status).toBe('CONFIRMED');
  });

  it('keeps the price of placement when the catalog price changes later', async () => {
    const { payload } = await place([{ productId: kettle, quantity: 1 }]);
    await supergraph.sql`update catalog.products set price_amount = 9999 where id = ${kettle}`;
    try {
      const order = await orderThroughRouter(payload!.order!.id);
      expect(order?.total.amount).toBe(2_500);
    } finally {
      await supergraph.sql`update catalog.products set price_amount = 2500 where id = ${kettle}`;
    }
  });

  it('rejects an order it cannot fill, names the line, and holds nothing', async () => {
    const before = await stockOf(supergraph.sql, mug);
    const { payload } = await place([
      { productId: kettle, quantity: 1 },
      { productId: mug, quantity: before.available + 1 },
    ]);
    expect(payload?.order?.status).toBe('REJECTED');
    expect(payload?.errors).toEqual([
      {
        code: 'OUT_OF_STOCK',
        field: 'lines[1].quantity',
        message: `Line 2: only ${before.available} in stock`,
      },
    ]);
    expect(await stockOf(supergraph.sql, mug)).toEqual(before);
    const [hold] = await supergraph.sql<{ state: string }[]>`
      select state from inventory.holds where order_id = ${Number(payload!.order!.id)}`;
    expect(hold?.state).toBe('RELEASED');
    const [row] = await supergraph.sql<{ release_due: boolean }[]>`
      select release_due from orders.orders where id = ${Number(payload!.order!.id)}`;
    expect(row?.release_due).toBe(false);
  });

  it.each([
    ['no lines', [], 'NO_LINES', 'lines'],
    [
      'too many lines',
      Array.from({ length: 51 }, (_, i) => ({ productId: i + 1, quantity: 1 })),
      'TOO_MANY_LINES',
      'lines',
    ],
    ['a zero quantity', [{ productId: 'K', quantity: 0 }], 'INVALID_QUANTITY', 'lines[0].quantity'],
    [
      'a negative quantity',
      [{ productId: 'K', quantity: -3 }],
      'INVALID_QUANTITY',
      'lines[0].quantity',
    ],
    ['101 units', [{ productId: 'K', quantity: 101 }], 'INVALID_QUANTITY', 'lines[0].quantity'],
    [
      'an unknown product',
      [
        { productId: 'K', quantity: 1 },
        { productId: 2_000_000_000, quantity: 1 },
      ],
      'UNKNOWN_PRODUCT',
      'lines[1].productId',
    ],
    [
      'a malformed id',
      [{ productId: 'abc', quantity: 1 }],
      'UNKNOWN_PRODUCT',
      'lines[0].productId',
    ],
    [
      'a product twice',
      [
        { productId: 'K', quantity: 1 },
        { productId: 'K', quantity: 2 },
      ],
      'DUPLICATE_PRODUCT',
      'lines[1].productId',
    ],
  ])(
    'rejects %s with a UserError naming the line, holding nothing',
    async (_, raw, code, field) => {
      const lines = raw.map((l) => ({
        ...l,
        productId: l.productId === 'K' ? kettle : l.productId,
      }));
      const before = await stockOf(supergraph.sql, kettle);
      const { payload, body } = await place(lines);
      expect(body.errors).toBeUndefined();
      expect(payload?.errors.map((e) => [e.code, e.field])).toEqual([[code, field]]);
      expect(payload?.order?.status).toBe('REJECTED');
      expect(await stockOf(supergraph.sql, kettle)).toEqual(before);
    },
  );

  it('refuses an unusable idempotency key without recording anything', async () => {
    for (const bad of ['', 'x'.repeat(129), 'tab\there', 'nul\u0000']) {
      const { payload } = await place([{ productId: kettle, quantity: 1 }], bad);
      expect(payload).toEqual({
        order: null,
        errors: [
          expect.objectContaining({ code: 'INVALID_IDEMPOTENCY_KEY', field: 'idempotencyKey' }),
        ],
      });
    }
  });

  it('is for signed-in users only', async () => {
    const { body } = await place([{ productId: kettle, quantity: 1 }], key(), {});
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('idempotency', () => {
  it('answers a retry with the same order, holding stock once', async () => {
    const k = key();
    const first = await place([{ productId: kettle, quantity: 1 }], k);
    const after = await stockOf(supergraph.sql, kettle);
    const again = await place([{ productId: kettle, quantity: 1 }], k);
    expect(again.payload).toEqual(first.payload);
    expect(await stockOf(supergraph.sql, kettle)).toEqual(after);
  });

  it('answers a retry of a rejected order with the same rejection', async () => {
    const k = key();
    const first = await place([{ productId: mug, quantity: 99 }], k);
    expect(first.payload?.errors[0]?.code).toBe('OUT_OF_STOCK');
    expect((await place([{ productId: mug, quantity: 99 }], k)).payload).toEqual(first.payload);
  });

  it('refuses the same key with different lines, and keeps the first order', async () => {
    const k = key();
    const first = await place([{ productId: kettle, quantity: 1 }], k);
    const other = await place([{ productId: kettle, quantity: 2 }], k);
    expect(other.payload).toEqual({
      order: null,
      errors: [
        expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' }),
      ],
    });
    expect((await orderThroughRouter(first.payload!.order!.id))?.lines).toEqual([{ quantity: 1 }]);
  });

  it('scopes keys per user: the same key from two users is two orders', async () => {
    const k = key();
    const mine = await place([{ productId: kettle, quantity: 1 }], k, buyer);
    const theirs = await place([{ productId: kettle, quantity: 1 }], k, other);
    expect(mine.payload?.order?.status).toBe('CONFIRMED');
    expect(theirs.payload?.order?.status).toBe('CONFIRMED');
    expect(theirs.payload?.order?.id).not.toBe(mine.payload?.order?.id);
  });
});

describe('cancelOrder', () => {
  it('cancels a confirmed order and returns its stock once, however often it is called', async () => {
    const before = await stockOf(supergraph.sql, kettle);
    const { payload } = await place([{ productId: kettle, quantity: 3 }]);
    expect(await stockOf(supergraph.sql, kettle)).toEqual({
      available: before.available - 3,
      reserved: before.reserved + 3,
    });
    for (let i = 0; i < 3; i++) {
      const cancelled = await cancelOrder(supergraph.stack.routerUrl, buyer, payload!.order!.id);
      expect(cancelled.payload).toEqual({
        order: { id: payload!.order!.id, status: 'CANCELLED' },
        errors: [],
      });
      expect(await stockOf(supergraph.sql, kettle)).toEqual(before);
    }
    expect(await availableThroughRouter(supergraph.stack.routerUrl, kettle)).toBe(before.available);
    expect((await orderThroughRouter(payload!.order!.id))?.status).toBe('CANCELLED');
  });

  it("lets an admin cancel anyone's order", async () => {
    const { payload } = await place([{ productId: kettle, quantity: 1 }]);
    const cancelled = await cancelOrder(
      supergraph.stack.routerUrl,
      supergraph.admin,
      payload!.order!.id,
    );
    expect(cancelled.payload?.order?.status).toBe('CANCELLED');
  });

  it("refuses another customer's order, an unknown one and a rejected one", async () => {
    const { payload } = await place([{ productId: kettle, quantity: 1 }]);
    const foreign = await cancelOrder(supergraph.stack.routerUrl, other, payload!.order!.id);
    expect(errorCodes(foreign.body)).toEqual(['FORBIDDEN']);
    expect((await orderThroughRouter(payload!.order!.id))?.status).toBe('CONFIRMED');

    const unknown = await cancelOrder(supergraph.stack.routerUrl, buyer, '2000000000');
    expect(unknown.payload?.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);

    const rejected = await place([{ productId: mug, quantity: 100 }]);
    const refused = await cancelOrder(
      supergraph.stack.routerUrl,
      buyer,
      rejected.payload!.order!.id,
    );
    expect(refused.payload).toEqual({
      order: null,
      errors: [expect.objectContaining({ code: 'NOT_CANCELLABLE', field: 'id' })],
    });

    const anonymous = await cancelOrder(supergraph.stack.routerUrl, {}, payload!.order!.id);
    expect(errorCodes(anonymous.body)).toEqual(['UNAUTHENTICATED']);
  });
});

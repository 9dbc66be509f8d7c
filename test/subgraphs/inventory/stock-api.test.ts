import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_PATH, RESERVE_PATH } from '../../../contracts/stock';
import { orderTestProducts, stockOf } from '../../support/orders';
import { useSubgraphs } from '../../support/subgraphs';

/**
 * Subgraph tier: inventory's internal stock API (contracts/stock.ts), called directly as orders calls it: signed,
 * idempotent per order, all lines or none, and a release that comes first bars a late reserve.
 * Order ids here are made up (inventory does not know orders), far above any real one.
 */
const harness = useSubgraphs(['inventory']);
const products = orderTestProducts(harness, `STK-${process.pid}`);
let orderId = 1_900_000_000 + (process.pid % 1_000) * 1_000;
const nextOrder = () => ++orderId;
let a: number;
let b: number;

beforeAll(async () => {
  a = await products.create(5);
  b = await products.create(2);
});
afterAll(async () => {
  await harness.sql`delete from inventory.holds where order_id > 1900000000`;
  await products.removeAll();
});

async function call(path: string, body: unknown, headers = harness.set.signedAs()) {
  const response = await fetch(new URL(path, harness.url('inventory')), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const reserve = (id: number, lines: { productId: number; quantity: number }[]) =>
  call(RESERVE_PATH, { orderId: id, lines });
const release = (id: number) => call(RELEASE_PATH, { orderId: id });

describe('reserve', () => {
  it('holds every line, and a repeat holds nothing more', async () => {
    const id = nextOrder();
    const lines = [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 1 },
    ];
    expect(await reserve(id, lines)).toEqual({ status: 200, body: { outcome: 'HELD' } });
    expect(await reserve(id, lines)).toEqual({ status: 200, body: { outcome: 'HELD' } });
    expect(await stockOf(harness.sql, a)).toEqual({ available: 3, reserved: 2 });
    expect(await stockOf(harness.sql, b)).toEqual({ available: 1, reserved: 1 });
    await release(id);
  });

  it('holds nothing when one line is short, names it, and makes that final', async () => {
    const id = nextOrder();
    const before = [await stockOf(harness.sql, a), await stockOf(harness.sql, b)];
    const lines = [
      { productId: a, quantity: 1 },
      { productId: b, quantity: 3 },
    ];
    expect(await reserve(id, lines)).toEqual({
      status: 409,
      body: { outcome: 'INSUFFICIENT', line: 1, productId: b, available: 2 },
    });
    expect([await stockOf(harness.sql, a), await stockOf(harness.sql, b)]).toEqual(before);
    // Final: even once the stock is there, this order is not held (orders has rejected it).
    expect(await reserve(id, [{ productId: a, quantity: 1 }])).toEqual({
      status: 200,
      body: { outcome: 'RELEASED' },
    });
    expect([await stockOf(harness.sql, a), await stockOf(harness.sql, b)]).toEqual(before);
  });

  it('treats a product without stock as having none', async () => {
    const answer = await reserve(nextOrder(), [{ productId: 2_000_000_000, quantity: 1 }]);
    expect(answer.body).toEqual({
      outcome: 'INSUFFICIENT',
      line: 0,
      productId: 2_000_000_000,
      available: 0,
    });
  });
});

describe('release', () => {
  it('returns the stock once, however often it is called, concurrently or not', async () => {
    const id = nextOrder();
    await reserve(id, [{ productId: a, quantity: 4 }]);
    const answers = await Promise.all(Array.from({ length: 10 }, () => release(id)));
    expect(answers.filter((r) => r.body.released === true)).toHaveLength(1);
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(await stockOf(harness.sql, a)).toEqual({ available: 5, reserved: 0 });
    expect((await release(id)).body).toEqual({ released: false });
  });

  it('bars a reserve that arrives after it', async () => {
    const id = nextOrder();
    expect((await release(id)).body).toEqual({ released: false });
    expect(await reserve(id, [{ productId: a, quantity: 1 }])).toEqual({
      status: 200,
      body: { outcome: 'RELEASED' },
    });
    expect(await stockOf(harness.sql, a)).toEqual({ available: 5, reserved: 0 });
  });

  it('racing a reserve of the same order, never leaves stock held', async () => {
    for (let round = 0; round < 20; round++) {
      const id = nextOrder();
      await Promise.all([reserve(id, [{ productId: a, quantity: 1 }]), release(id)]);
      // Whichever came first, a second release settles it: nothing stays held.
      await release(id);
      expect(await stockOf(harness.sql, a)).toEqual({ available: 5, reserved: 0 });
    }
  });
});

describe('refusals', () => {
  it('answers 401 to an unsigned or forged call, and reads nothing', async () => {
    const forged = { 'x-mercato-identity': 'e30', 'x-mercato-signature': 'AAAA' };
    for (const headers of [{}, forged]) {
      expect((await call(RESERVE_PATH, { orderId: 1, lines: [] }, headers)).status).toBe(401);
      expect((await call(RELEASE_PATH, { orderId: 1 }, headers)).status).toBe(401);
    }
  });

  it.each([
    ['not JSON', '{"orderId": '],
    ['no lines', { orderId: 1_999_999_999, lines: [] }],
    [
      'a product twice',
      {
        orderId: 1_999_999_999,
        lines: [
          { productId: 1, quantity: 1 },
          { productId: 1, quantity: 1 },
        ],
      },
    ],
    ['a zero quantity', { orderId: 1_999_999_999, lines: [{ productId: 1, quantity: 0 }] }],
    ['an id past int4', { orderId: 2 ** 31, lines: [{ productId: 1, quantity: 1 }] }],
    [
      '101 lines',
      {
        orderId: 1_999_999_999,
        lines: Array.from({ length: 101 }, (_, i) => ({ productId: i + 1, quantity: 1 })),
      },
    ],
  ])('answers 400 to %s, holding nothing', async (_, body) => {
    const answer = await call(RESERVE_PATH, body);
    expect(answer.status).toBe(400);
    expect(typeof answer.body.error).toBe('string');
    const holds = await harness.sql`select 1 from inventory.holds where order_id = 1999999999`;
    expect(holds).toHaveLength(0);
  });
});

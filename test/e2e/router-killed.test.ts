import { afterAll, describe, expect, it } from 'vitest';
import { subgraphNames } from '../../lib/env';
import { auditStock } from '../../scripts/stock-audit';
import { expectNoneLost, freePort, ordersOf, statusesOf, waitFor } from '../support/integrity';
import { orderTestProducts, placeOrder, type Line, type OrderPayload } from '../support/orders';
import { startProcess, type MercatoProcess } from '../support/process';
import { dropKeys, TEST_REDIS_URL, testKeyPrefix } from '../support/redis';
import { rateLimitsOff } from '../support/stack';
import { useSupergraph } from '../support/supergraph';

/**
 * Process tier: two router processes (router/main.ts) on one Redis in front of the subgraphs;
 * one is SIGKILLed mid-load. Clients that retry on the other replica — with the same
 * idempotency key, as a careful client does — lose nothing: every call is answered, one order
 * per key, and the stock adds up.
 */
const supergraph = useSupergraph();
const products = orderTestProducts(supergraph, `RK-${process.pid}`);
const prefix = testKeyPrefix('router-killed');
afterAll(async () => {
  await products.removeAll();
  await dropKeys(prefix);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  payload: OrderPayload;
  attempts: number;
  /** Attempts that failed as a whole (connection refused or reset, a non-200 answer). */
  failed: number;
}

/** placeOrder that moves to the other replica after any failure, until `deadline`. */
async function placeWithFailover(
  urls: string[],
  first: number,
  headers: Record<string, string>,
  key: string,
  lines: Line[],
  deadline: number,
): Promise<Outcome | null> {
  let failed = 0;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    try {
      const answer = await placeOrder(urls[(first + attempt) % urls.length]!, headers, key, lines);
      if (answer.status === 200 && answer.payload)
        return { payload: answer.payload, attempts: attempt + 1, failed };
    } catch {
      // The connection failed: the order may or may not be recorded; the key makes retrying safe.
    }
    failed += 1;
    await sleep(Math.random() * Math.min(1_000, 50 * 2 ** attempt));
  }
  return null;
}

describe('a router replica killed mid-load', () => {
  it('loses nothing for clients that retry on the other', async () => {
    const UNITS = 50;
    const CALLS = 120;
    const { stack } = supergraph;
    const product = await products.create(UNITS);
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      INTERNAL_SECRET: stack.internalSecret,
      JWT_SECRET: stack.tokenSettings.secret,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      ...rateLimitsOff,
      ...Object.fromEntries(
        subgraphNames.map((name) => [`${name.toUpperCase()}_URL`, stack.subgraphs[name].url]),
      ),
    };
    const ports = [await freePort(), await freePort()];
    const routers: MercatoProcess[] = [];
    for (const port of ports)
      routers.push(await startProcess('router/main.ts', { ...env, MANAGEMENT_PORT: '0' }, port));
    try {
      const urls = ports.map((port) => `http://127.0.0.1:${port}/graphql`);
      const buyers = await Promise.all(Array.from({ length: 20 }, (_, i) => stack.authAs(150 + i)));
      const deadline = Date.now() + 60_000;
      const load = Promise.all(
        Array.from({ length: CALLS }, (_, i) =>
          placeWithFailover(
            urls,
            i % 2,
            buyers[i % buyers.length]!,
            `router-killed-${process.pid}-${i}`,
            [{ productId: product, quantity: 1 }],
            deadline,
          ),
        ),
      );
      await waitFor(async () => (await ordersOf(supergraph.sql, product)) >= 20);
      routers[0]!.child.kill('SIGKILL');
      const killed = await routers[0]!.exited;
      const recordedAtKill = await ordersOf(supergraph.sql, product);
      const outcomes = await load;

      expect(killed.signal).toBe('SIGKILL');
      const acknowledged = outcomes.map((o) => o?.payload.order).filter((o) => o != null);
      // Every client got its answer, and no key made two orders.
      expect(acknowledged).toHaveLength(CALLS);
      expect(new Set(acknowledged.map((o) => o.id)).size).toBe(CALLS);
      const [row] = await supergraph.sql<{ n: number }[]>`
        select count(*)::int as n from orders.orders
        where idempotency_key like ${`router-killed-${process.pid}-%`}`;
      expect(row!.n).toBe(CALLS);
      // Placements cut off with the router finish in recovery (the orders process's loop).
      await stack.recoverOrders();
      expect(await statusesOf(supergraph.sql, product)).toEqual({
        CONFIRMED: UNITS,
        REJECTED: CALLS - UNITS,
      });
      const audit = await auditStock(supergraph.sql, {
        productIds: [product],
        initial: new Map([[product, UNITS]]),
      });
      expect(audit.violations).toEqual([]);
      await expectNoneLost(supergraph.sql, acknowledged);
      const failed = outcomes.reduce((n, o) => n + (o?.failed ?? 0), 0);
      const moved = outcomes.filter((o) => (o?.failed ?? 0) > 0).length;
      console.info(
        `router replica SIGKILLed with ${recordedAtKill} of ${CALLS} orders recorded: ` +
          `${failed} attempts failed, ${moved} clients retried on the other replica, ` +
          `0 lost (${CALLS} answered, ${row!.n} orders for ${CALLS} keys)`,
      );
    } finally {
      for (const router of routers) router.child.kill('SIGKILL');
    }
  });
});

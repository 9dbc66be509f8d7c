import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, it, expect } from 'vitest';
import { auditStock } from '../../scripts/stock-audit';
import { fileDatabaseUrl } from '../support/database';
import { expectNoneLost, freePort, ordersOf, statusesOf, waitFor } from '../support/integrity';
import { orderTestProducts, placeOrderRetrying } from '../support/orders';
import { startProcess } from '../support/process';
import { startStack, type Stack } from '../support/stack';
import { useSupergraph } from '../support/supergraph';

/**
 * Process tier: DESIGN.md §5's "an acknowledged order is never lost" when the orders process
 * itself dies mid-burst (SIGKILL) and a new one recovers on start. The orders subgraph runs as
 * its own process (subgraphs/orders/main.ts), as in production.
 */
const supergraph = useSupergraph();
const products = orderTestProducts(supergraph, `KILL-${process.pid}`);
let serial = 0;
const key = (label: string) => `integrity-${process.pid}-${label}-${++serial}`;

afterAll(async () => {
  await products.removeAll();
});

describe('integrity under faults', () => {
  it('recovers a burst during which the orders process is killed', async () => {
    const UNITS = 40;
    const CALLS = 80;
    const product = await products.create(UNITS);
    const port = await freePort();
    // A second supergraph whose router sends orders traffic to a separate orders process.
    const router = await startStack(fileDatabaseUrl(), {
      urlOverrides: { orders: `http://127.0.0.1:${port}/graphql` },
    });
    const launch = () => startOrdersProcess(port, router);
    let orders = await launch();
    try {
      const deadline = Date.now() + 60_000;
      const headers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => router.authAs(120 + i)),
      );
      const burst = Promise.all(
        Array.from({ length: CALLS }, (_, i) =>
          placeOrderRetrying(
            router.routerUrl,
            headers[i % headers.length]!,
            key('kill'),
            [{ productId: product, quantity: 1 }],
            deadline,
          ),
        ),
      );
      // Kill -9 once a few orders are recorded: some are mid-placement, with or without a hold.
      await waitFor(async () => (await ordersOf(supergraph.sql, product)) >= 10);
      orders.kill('SIGKILL');
      const recordedAtKill = await ordersOf(supergraph.sql, product);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // A new orders process recovers on start; the clients' retries meet the same orders.
      orders = await launch();
      const answers = await burst;
      await waitFor(async () => {
        const { unsettled } = await auditStock(supergraph.sql, { productIds: [product] });
        return unsettled.pending === 0 && unsettled.releaseDue === 0;
      });

      const acknowledged = answers.map((a) => a?.payload.order).filter((o) => o != null);
      expect(acknowledged).toHaveLength(CALLS);
      const audit = await auditStock(supergraph.sql, {
        productIds: [product],
        initial: new Map([[product, UNITS]]),
      });
      expect(audit.violations).toEqual([]);
      await expectNoneLost(supergraph.sql, acknowledged);
      const final = await statusesOf(supergraph.sql, product);
      expect(final).toEqual({ CONFIRMED: UNITS, REJECTED: CALLS - UNITS });
      console.info(
        `orders process killed (SIGKILL) with ${recordedAtKill} of ${CALLS} orders recorded; ` +
          `after restart: ${JSON.stringify(final)}`,
      );
    } finally {
      orders.kill('SIGKILL');
      await router.stop();
    }
  });
});

/** The orders subgraph as its own process (subgraphs/orders/main.ts), recovering on start. */
async function startOrdersProcess(port: number, stack: Stack): Promise<ChildProcess> {
  const orders = await startProcess(
    'subgraphs/orders/main.ts',
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: fileDatabaseUrl(),
      INTERNAL_SECRET: stack.internalSecret,
      CATALOG_URL: stack.subgraphs.catalog.url,
      INVENTORY_URL: stack.subgraphs.inventory.url,
      RECOVERY_STALE_MS: '0',
      RECOVERY_INTERVAL_MS: '200',
    },
    port,
  );
  return orders.child;
}

import type postgres from 'postgres';
import { Registry } from 'prom-client';
import { tables } from '../../subgraphs/orders/db/schema';
import type { PlacementDeps } from '../../subgraphs/orders/placement';
import { createStockedProduct } from '../../scripts/bench/order-client';
import { dataOf } from './graphql';
import type { TestSubgraphs } from './subgraphs';

/** Products made for order tests: SKUs under one prefix per file, so afterAll can remove them. */
export function orderTestProducts(supergraph: { sql: postgres.Sql }, prefix: string) {
  let serial = 0;
  // Read when called: the file's connection opens in beforeAll.
  const db = () => supergraph.sql;
  return {
    /** A fresh product with `units` in stock at `priceCents`; returns its id. */
    async create(units: number, priceCents = 1_000): Promise<number> {
      serial += 1;
      return await createStockedProduct(db(), {
        sku: `${prefix}-${serial}`,
        name: `Order test item ${serial}`,
        units,
        priceCents,
      });
    },
    /** Removes the products, their stock and holds, and every order that has one of them. */
    async removeAll(): Promise<void> {
      const sql = db();
      const ids = (
        await sql<{ id: number }[]>`select id from catalog.products where sku like ${`${prefix}-%`}`
      ).map((r) => r.id);
      if (ids.length === 0) return;
      await sql`delete from inventory.holds where order_id in (
        select order_id from orders.order_lines where product_id = any(${ids}))`;
      await sql`delete from inventory.hold_lines where product_id = any(${ids})`;
      await sql`delete from orders.orders where id in (
        select order_id from orders.order_lines where product_id = any(${ids}))`;
      await sql`delete from inventory.stock where product_id = any(${ids})`;
      await sql`delete from catalog.products where id = any(${ids})`;
    },
  };
}

export {
  cancelOrder,
  placeOrder,
  placeOrderRetrying,
  type Line,
  type OrderPayload,
} from '../../scripts/bench/order-client';

/** A product's stock as inventory has it: available, reserved. */
export async function stockOf(
  sql: postgres.Sql,
  productId: number,
): Promise<{ available: number; reserved: number }> {
  const [row] = await sql<{ available: number; reserved: number }[]>`
    select available, reserved from inventory.stock where product_id = ${productId}`;
  return row!;
}

/** A product's `availableQuantity` as the public API shows it. */
export async function availableThroughRouter(
  routerUrl: string,
  productId: number,
): Promise<number> {
  const data = await dataOf<{ product: { availableQuantity: number } }>(
    routerUrl,
    `query ($id: ID!) { product(id: $id) { availableQuantity } }`,
    { id: String(productId) },
  );
  return data.product.availableQuantity;
}

/** A peer URL nothing answers on (connection refused at once): a subgraph that is down. */
export const PEER_DOWN = 'http://127.0.0.1:9/graphql';

/**
 * What the orders process hands placement and recovery, for subgraph-tier tests of those
 * use-cases: one pool on the file's database, and peers pointing at the file's running
 * subgraphs unless overridden (e.g. `{ inventory: PEER_DOWN }`).
 */
export function placementDeps(
  harness: TestSubgraphs,
): (peerOverrides?: Partial<Record<'catalog' | 'inventory', string>>) => PlacementDeps {
  let db: PlacementDeps['db'] | undefined;
  // Counted, not asserted here (test/metrics.test.ts reads them from a server).
  const metrics = new Registry();
  return (peerOverrides = {}) => {
    db ??= harness.db(tables);
    return { db, peers: harness.peers(peerOverrides), logger: harness.logger, metrics };
  };
}

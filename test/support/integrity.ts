/** What the integrity tests (supergraph tier and process tier) check orders and stock with. */
import { createServer } from 'node:net';
import type postgres from 'postgres';
import { expect } from 'vitest';
import type { OrderPayload } from './orders';

export type Acknowledged = NonNullable<OrderPayload['order']>;

/** How a product's orders stand in the database: count by status. */
export async function statusesOf(
  sql: postgres.Sql,
  productId: number,
): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }[]>`
    select status, count(*)::int as n from orders.orders
    where id in (select order_id from orders.order_lines where product_id = ${productId})
    group by status order by status`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Every acknowledged order is in the database, in its acknowledged state or settled from PENDING. */
export async function expectNoneLost(
  sql: postgres.Sql,
  acknowledged: Acknowledged[],
): Promise<void> {
  const rows = await sql<{ id: number; status: string }[]>`
    select id, status from orders.orders where id = any(${acknowledged.map((o) => Number(o.id))})`;
  const now = new Map(rows.map((r) => [String(r.id), r.status]));
  for (const order of acknowledged) {
    const status = now.get(order.id);
    expect(status, `order ${order.id}`).toBeDefined();
    if (order.status !== 'PENDING') expect(status, `order ${order.id}`).toBe(order.status);
  }
}

/** Orders recorded with a line of the product. */
export async function ordersOf(sql: postgres.Sql, productId: number): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from orders.order_lines where product_id = ${productId}`;
  return row!.n;
}

/** Polls `check` until it holds; throws past `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

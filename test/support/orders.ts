import type postgres from 'postgres';
import { gql, type GraphQLBody } from './graphql';

/** Products made for order tests: SKUs under one prefix per file, so afterAll can remove them. */
export function orderTestProducts(supergraph: { sql: postgres.Sql }, prefix: string) {
  let serial = 0;
  // Read when called: the file's connection opens in beforeAll.
  const db = () => supergraph.sql;
  return {
    /** A fresh product with `units` in stock at `priceCents`; returns its id. */
    async create(units: number, priceCents = 1_000): Promise<number> {
      const sql = db();
      const [category] = await sql<{ id: number }[]>`
        select id from catalog.categories order by id limit 1`;
      const [product] = await sql<{ id: number }[]>`
        insert into catalog.products (sku, name, description, price_amount, weight_grams, category_id)
        values (${`${prefix}-${++serial}`}, ${`Order test item ${serial}`}, 'For order tests.',
                ${priceCents}, 500, ${category!.id})
        returning id`;
      await sql`insert into inventory.stock (product_id, available) values (${product!.id}, ${units})`;
      return product!.id;
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

export const PLACE_ORDER = `mutation Place($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    order { id status total { amount currency } lines { quantity unitPrice { amount } product { id } } }
    errors { code field message } } }`;

export const CANCEL_ORDER = `mutation Cancel($id: ID!) {
  cancelOrder(id: $id) { order { id status } errors { code field message } } }`;

export interface OrderPayload {
  order: {
    id: string;
    status: 'PENDING' | 'CONFIRMED' | 'CANCELLED' | 'REJECTED';
    total: { amount: number; currency: string };
    lines: { quantity: number; unitPrice: { amount: number }; product: { id: string } }[];
  } | null;
  errors: { code: string; field: string | null; message: string }[];
}

export interface Line {
  productId: string | number;
  quantity: number;
}

/** Calls placeOrder through the router; returns the payload and the raw response. */
export async function placeOrder(
  routerUrl: string,
  headers: Record<string, string>,
  idempotencyKey: string,
  lines: Line[],
): Promise<{ status: number; body: GraphQLBody; payload: OrderPayload | null }> {
  const { status, body } = await gql(
    routerUrl,
    PLACE_ORDER,
    {
      input: {
        idempotencyKey,
        lines: lines.map((l) => ({ ...l, productId: String(l.productId) })),
      },
    },
    headers,
  );
  return { status, body, payload: (body.data?.placeOrder as OrderPayload | undefined) ?? null };
}

export async function cancelOrder(
  routerUrl: string,
  headers: Record<string, string>,
  id: string,
): Promise<{ status: number; body: GraphQLBody; payload: OrderPayload | null }> {
  const { status, body } = await gql(routerUrl, CANCEL_ORDER, { id }, headers);
  return { status, body, payload: (body.data?.cancelOrder as OrderPayload | undefined) ?? null };
}

/** A product's stock as inventory has it: available, reserved. */
export async function stockOf(
  sql: postgres.Sql,
  productId: number,
): Promise<{ available: number; reserved: number }> {
  const [row] = await sql<{ available: number; reserved: number }[]>`
    select available, reserved from inventory.stock where product_id = ${productId}`;
  return row!;
}

/** Whether a placeOrder answer is a transient failure a client should retry with the same key. */
function transient(result: { status: number; payload: OrderPayload | null; body: GraphQLBody }) {
  return result.payload === null || result.status !== 200;
}

/**
 * placeOrder as a careful client calls it: on a transient failure (503, a subgraph down, a
 * dropped connection) it retries with the same idempotency key until `deadline`.
 * Returns the first real answer, or null when none came in time.
 */
export async function placeOrderRetrying(
  routerUrl: string,
  headers: Record<string, string>,
  idempotencyKey: string,
  lines: Line[],
  deadline: number,
): Promise<{ payload: OrderPayload; attempts: number } | null> {
  for (let attempts = 1; Date.now() < deadline; attempts++) {
    try {
      const result = await placeOrder(routerUrl, headers, idempotencyKey, lines);
      if (!transient(result)) return { payload: result.payload!, attempts };
    } catch {
      // The connection failed; the order may or may not be recorded. The key makes retrying safe.
    }
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
  }
  return null;
}

/**
 * A client of placeOrder and cancelOrder through the router, as an app would write it: retries a
 * transient failure with the same idempotency key; and the product such runs order. Shared by
 * the integrity tests and the write-path benchmark (no test framework here).
 */
import type postgres from 'postgres';

/** A fresh product (in the first category) with `units` in stock at `priceCents`; its id. */
export async function createStockedProduct(
  sql: postgres.Sql,
  product: { sku: string; name: string; units: number; priceCents: number },
): Promise<number> {
  const [category] = await sql<{ id: number }[]>`
    select id from catalog.categories order by id limit 1`;
  const [row] = await sql<{ id: number }[]>`
    insert into catalog.products (sku, name, description, price_amount, weight_grams, category_id)
    values (${product.sku}, ${product.name}, 'Made to be ordered by a test or benchmark.',
            ${product.priceCents}, 500, ${category!.id})
    returning id`;
  await sql`insert into inventory.stock (product_id, available) values (${row!.id}, ${product.units})`;
  return row!.id;
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

export interface GraphQLResponse {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

type Answer = GraphQLResponse & { payload: OrderPayload | null };

/** Calls placeOrder once; `payload` is null when the call failed as a whole. */
export async function placeOrder(
  routerUrl: string,
  headers: Record<string, string>,
  idempotencyKey: string,
  lines: Line[],
): Promise<Answer> {
  const input = {
    idempotencyKey,
    lines: lines.map((l) => ({ ...l, productId: String(l.productId) })),
  };
  const result = await post(routerUrl, PLACE_ORDER, { input }, headers);
  return { ...result, payload: (result.body.data?.placeOrder as OrderPayload | undefined) ?? null };
}

export async function cancelOrder(
  routerUrl: string,
  headers: Record<string, string>,
  id: string,
): Promise<Answer> {
  const result = await post(routerUrl, CANCEL_ORDER, { id }, headers);
  return {
    ...result,
    payload: (result.body.data?.cancelOrder as OrderPayload | undefined) ?? null,
  };
}

/**
 * placeOrder as a careful client calls it: on a transient failure (503, a subgraph down, a
 * dropped connection) it retries with the same idempotency key, backing off, until `deadline`. Returns the
 * first real answer and how many calls it took, or null when none came in time.
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
      if (result.payload !== null && result.status === 200) {
        return { payload: result.payload, attempts };
      }
    } catch {
      // The connection failed; the order may or may not be recorded. The key makes retrying safe.
    }
    // Exponential backoff with full jitter, so a crowd of retries does not return in lockstep.
    const ceiling = Math.min(2_000, 50 * 2 ** attempts);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
  return null;
}

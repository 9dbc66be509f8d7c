/**
 * Write-path benchmark and integrity run:
 *   `npm run bench:orders -- [--calls 10000] [--concurrency 200] [--light 300]`
 *
 * On the database `mercato_bench_1` of the server DATABASE_URL points at (created and seeded on
 * first use), with the whole supergraph in this process, it runs through the router:
 *   1. placeOrder latency at light load: `--light` orders one after another (median, p95, p99);
 *   2. a rush: `--calls` placeOrder calls, `--concurrency` in flight, each with its own key, for
 *      one product with a quarter as many units; then recovery, then the stock invariants;
 *   3. `--calls` calls of one idempotency key, `--concurrency` in flight: exactly one order.
 * It prints every invariant it checks and exits 1 if any is broken. Figures, not assertions
 * about speed.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startStack, type Stack } from '../../test/support/stack';
import { auditStock } from '../stock-audit';
import { benchDatabase, benchServerUrl } from './database';
import {
  createStockedProduct,
  placeOrder,
  placeOrderRetrying,
  type OrderPayload,
} from './order-client';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '200' },
    light: { type: 'string', default: '300' },
  },
});
const calls = Number(args.calls);
const concurrency = Number(args.concurrency);
const light = Number(args.light);
const run = `${Date.now().toString(36)}`;

const url = await benchDatabase(benchServerUrl(), 1);
const sql = postgres(url, { max: 2, onnotice: () => {} });
const stack = await startStack(url);
const buyers = await Promise.all(Array.from({ length: 50 }, (_, i) => stack.authAs(100 + i)));
const failures: string[] = [];

function check(label: string, ok: boolean, detail: string): void {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}: ${detail}`);
  if (!ok) failures.push(label);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const newProduct = (units: number) =>
  createStockedProduct(sql, {
    sku: `BENCH-${run}-${units}-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Benchmark item',
    units,
    priceCents: 1500,
  });

/** Runs `task(i)` for i < n with at most `limit` in flight. */
async function pool<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

async function lightLoad(s: Stack): Promise<void> {
  if (light === 0) return;
  const product = await newProduct(light * 2);
  const times: number[] = [];
  for (let i = 0; i < light; i++) {
    const started = performance.now();
    const { payload } = await placeOrder(
      s.routerUrl,
      buyers[i % buyers.length]!,
      `light-${run}-${i}`,
      [{ productId: product, quantity: 1 }],
    );
    times.push(performance.now() - started);
    if (payload?.order?.status !== 'CONFIRMED') failures.push(`light order ${i} not confirmed`);
  }
  times.sort((a, b) => a - b);
  const ms = (p: number) => percentile(times, p).toFixed(1);
  console.log(
    `\nplaceOrder at light load (1 in flight, ${light} orders, 1 line): ` +
      `median ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms, max ${ms(100)} ms`,
  );
}

async function rush(): Promise<void> {
  const units = Math.floor(calls / 4);
  const product = await newProduct(units);
  console.log(
    `\nrush: ${calls} placeOrder calls, ${concurrency} in flight, one product with ${units} units`,
  );
  const started = performance.now();
  const deadline = Date.now() + 10 * 60_000;
  const answers = await pool(calls, concurrency, (i) =>
    placeOrderRetrying(
      stack.routerUrl,
      buyers[i % buyers.length]!,
      `rush-${run}-${i}`,
      [{ productId: product, quantity: 1 }],
      deadline,
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const acknowledged = answers
    .map((a) => a?.payload.order)
    .filter((o): o is NonNullable<OrderPayload['order']> => o != null);
  const answered: Record<string, number> = {};
  for (const o of acknowledged) answered[o.status] = (answered[o.status] ?? 0) + 1;
  const retries = answers.reduce((n, a) => n + (a?.attempts ?? 1) - 1, 0);
  console.log(
    `  ${seconds.toFixed(1)} s, ${(calls / seconds).toFixed(0)} orders/s; ${retries} retries of ` +
      `transient failures; answers ${JSON.stringify(answered)}`,
  );
  const report = await stack.recoverOrders();
  console.log(`  recovery: ${JSON.stringify(report)}`);

  const rows = await sql<{ id: number; status: string }[]>`
    select o.id, o.status from orders.orders o
    where o.id in (select order_id from orders.order_lines where product_id = ${product})`;
  const status = new Map(rows.map((r) => [String(r.id), r.status]));
  const final: Record<string, number> = {};
  for (const r of rows) final[r.status] = (final[r.status] ?? 0) + 1;
  const audit = await auditStock(sql, {
    productIds: [product],
    initial: new Map([[product, units]]),
  });
  const stock = audit.products[0]!;
  check('every call answered', acknowledged.length === calls, `${acknowledged.length} of ${calls}`);
  check(
    'one order per key',
    new Set(acknowledged.map((o) => o.id)).size === calls && rows.length === calls,
    `${new Set(acknowledged.map((o) => o.id)).size} distinct answers, ${rows.length} orders stored`,
  );
  check(
    'no acknowledged order lost',
    acknowledged.every(
      (o) => status.has(o.id) && (o.status === 'PENDING' || status.get(o.id) === o.status),
    ),
    'each is stored, in its acknowledged state (or settled from PENDING)',
  );
  check(
    'exactly the stock sold',
    final.CONFIRMED === units && stock.available === 0,
    `${final.CONFIRMED ?? 0} CONFIRMED of ${units} units; available ${stock.available}; final ${JSON.stringify(final)}`,
  );
  check('never negative', stock.available >= 0, `available ${stock.available} (and a CHECK)`);
  check(
    'initial = available + held by PENDING/CONFIRMED; reserved = held; nothing held for REJECTED',
    audit.violations.length === 0,
    audit.violations.length === 0 ? 'all hold' : audit.violations.join('; '),
  );
  check(
    'nothing left unsettled',
    audit.unsettled.pending === 0 && audit.unsettled.releaseDue === 0,
    JSON.stringify(audit.unsettled),
  );
}

async function sameKey(): Promise<void> {
  const product = await newProduct(10);
  const key = `same-${run}`;
  console.log(
    `\none key: ${calls} placeOrder calls with one idempotency key, ${concurrency} in flight`,
  );
  const started = performance.now();
  const deadline = Date.now() + 10 * 60_000;
  const answers = await pool(calls, concurrency, () =>
    placeOrderRetrying(
      stack.routerUrl,
      buyers[0]!,
      key,
      [{ productId: product, quantity: 3 }],
      deadline,
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const ids = new Set(answers.map((a) => a?.payload.order?.id ?? 'none'));
  const stored = await sql`select id from orders.orders where idempotency_key = ${key}`;
  const [stock] = await sql<{ available: number; reserved: number }[]>`
    select available, reserved from inventory.stock where product_id = ${product}`;
  console.log(`  ${seconds.toFixed(1)} s, ${(calls / seconds).toFixed(0)} calls/s`);
  check(
    'every call got the same order',
    ids.size === 1 && !ids.has('none'),
    `${ids.size} distinct`,
  );
  check('exactly one order stored', stored.length === 1, `${stored.length}`);
  check(
    'stock held once',
    stock!.available === 7 && stock!.reserved === 3,
    `available ${stock!.available}, reserved ${stock!.reserved}`,
  );
}

try {
  await lightLoad(stack);
  await rush();
  await sameKey();
} finally {
  await stack.stop();
  await sql.end();
}
console.log(failures.length === 0 ? '\nall invariants hold' : `\nBROKEN: ${failures.join(', ')}`);
process.exit(failures.length === 0 ? 0 : 1);

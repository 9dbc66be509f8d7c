/**
 * Read-path benchmark: `npm run bench:read -- [--scale 250] [--runs 30] [--seconds 10]`.
 *
 * Uses (and on first use creates, migrates and seeds) the database `mercato_bench_<scale>` on the
 * server DATABASE_URL points at, runs the whole supergraph in this process, and prints for each
 * query shape its latency through the router (median, p95, max) and the SQL statements it cost
 * per subgraph; then a short autocannon load on two shapes. Figures, not assertions.
 */
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { encodeCursor } from '../../lib/pagination';
import { startStack, type Stack } from '../../test/support/stack';
import { benchDatabase, benchServerUrl } from './database';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '250' },
    runs: { type: 'string', default: '30' },
    seconds: { type: 'string', default: '10' },
  },
});
const scale = Number(args.scale);
const runs = Number(args.runs);
const serverUrl = benchServerUrl();

/** Parameters read from the data, so every shape asks for something that exists. */
async function parameters(url: string) {
  const db = postgres(url, { max: 1, onnotice: () => {} });
  const [root] = await db`select c.id from catalog.categories c where c.parent_id is null
    order by (select count(*) from catalog.products p join catalog.categories l on l.id = p.category_id
      where l.parent_id = c.id or l.id = c.id or l.parent_id in (select id from catalog.categories where parent_id = c.id)) desc limit 1`;
  const [leaf] =
    await db`select category_id as id from catalog.products group by category_id order by count(*) desc limit 1`;
  const [reviewed] =
    await db`select product_id as id from reviews.reviews group by product_id order by count(*) desc limit 1`;
  const [buyer] =
    await db`select buyer_id as id from orders.orders group by buyer_id order by count(*) desc limit 1`;
  const [deep] =
    await db`select price_amount, id from catalog.products order by price_amount, id offset 50000 limit 1`;
  await db.end();
  return {
    rootCategory: String(root!.id),
    leafCategory: String(leaf!.id),
    product: String(reviewed!.id),
    buyer: String(buyer!.id),
    // A cursor half-way down the price list, built exactly as the server builds them.
    deepCursor: deep ? encodeCursor('products:PRICE_ASC', [deep.price_amount, deep.id]) : null,
  };
}

function shapes(
  p: Awaited<ReturnType<typeof parameters>>,
): [string, string, Record<string, unknown>][] {
  const card = 'id name price { amount } inStock rating { average count }';
  return [
    ['newest 20', `{ products(first: 20) { totalCount nodes { ${card} } } }`, {}],
    [
      'price asc, page after row 50,000',
      `query ($after: String) { products(first: 20, orderBy: PRICE_ASC, after: $after) { nodes { id price { amount } } pageInfo { endCursor } } }`,
      { after: p.deepCursor },
    ],
    [
      'root category (tree), by name',
      `query ($c: ID!) { products(first: 20, orderBy: NAME, filter: { categoryId: $c }) { totalCount nodes { ${card} } } }`,
      { c: p.rootCategory },
    ],
    [
      'leaf category + price range, price desc',
      `query ($c: ID!) { products(first: 20, orderBy: PRICE_DESC, filter: { categoryId: $c, minPrice: 1000, maxPrice: 50000 }) { totalCount nodes { ${card} } } }`,
      { c: p.leafCategory },
    ],
    [
      'search "wireless", newest',
      `{ products(first: 20, filter: { search: "wireless" }) { totalCount nodes { ${card} } } }`,
      {},
    ],
    [
      'search + root category, price asc',
      `query ($c: ID!) { products(first: 20, orderBy: PRICE_ASC, filter: { search: "steel", categoryId: $c }) { totalCount nodes { ${card} } } }`,
      { c: p.rootCategory },
    ],
    [
      'product page',
      `query ($id: ID!) { product(id: $id) { name description price { amount } category { name parent { name } } inStock availableQuantity shippingEstimate { amount } rating { average count } reviews(first: 10) { totalCount nodes { rating body author { name } } } } }`,
      { id: p.product },
    ],
    [
      '50 products → 5 reviews → author',
      `{ products(first: 50) { nodes { id reviews(first: 5) { nodes { rating author { name } } } } } }`,
      {},
    ],
    [
      "user's 20 orders → lines → product",
      `query ($id: ID!) { user(id: $id) { name orders(first: 20) { totalCount nodes { status total { amount } lines { quantity product { name price { amount } } } } } } }`,
      { id: p.buyer },
    ],
    [
      'category tree with 3 products each',
      `{ categories { name products(first: 3) { totalCount nodes { name } } } }`,
      {},
    ],
  ];
}

async function post(
  stack: Stack,
  query: string,
  variables: Record<string, unknown>,
): Promise<number> {
  const started = performance.now();
  const response = await fetch(stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return performance.now() - started;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const url = await benchDatabase(serverUrl, scale);
const stack = await startStack(url);
try {
  const params = await parameters(url);
  console.log(
    `\nscale ${scale}; ${runs} sequential runs per shape after 3 warm-ups; times in ms through the router\n`,
  );
  console.log(
    `${'shape'.padEnd(42)} ${'median'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}  statements`,
  );
  for (const [name, query, variables] of shapes(params)) {
    for (let i = 0; i < 3; i++) await post(stack, query, variables);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      stack.statements.reset();
      times.push(await post(stack, query, variables));
    }
    times.sort((a, b) => a - b);
    const statements = Object.entries(stack.statements.snapshot())
      .map(([sub, n]) => `${sub} ${n}`)
      .join(', ');
    const f = (n: number) => n.toFixed(1).padStart(7);
    console.log(
      `${name.padEnd(42)} ${f(quantile(times, 0.5))} ${f(quantile(times, 0.95))} ${f(times.at(-1)!)}  ${statements}`,
    );
  }
  for (const [name, query, variables] of shapes(params).filter((_, i) => i === 0 || i === 7)) {
    const result = await autocannon({
      url: stack.routerUrl,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      connections: 10,
      duration: Number(args.seconds),
    });
    console.log(
      `\nload "${name}": 10 connections, ${args.seconds} s → ${result.requests.average.toFixed(0)} req/s, ` +
        `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
  }
} finally {
  await stack.stop();
}

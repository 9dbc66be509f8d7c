import { describe, expect, it } from 'vitest';
import { useSupergraph } from './support/supergraph';
import { gql } from './support/graphql';

/**
 * DESIGN.md §3: the number of SQL statements an operation causes depends on the shape of its
 * query plan, never on how many rows it returns. Each shape runs with 1 item and with 50 and
 * must send exactly the same statements to each subgraph.
 */
const supergraph = useSupergraph();

async function statementsFor(query: string, variables: Record<string, unknown>) {
  supergraph.stack.statements.reset();
  const { body } = await gql(supergraph.stack.routerUrl, query, variables, supergraph.admin);
  expect(body.errors).toBeUndefined();
  return { data: body.data, statements: supergraph.stack.statements.snapshot() };
}

/**
 * A buyer with `count` orders of two lines each: the factory for the orders shape. Written around
 * placeOrder, they hold no stock, so they are CANCELLED (the stock audit stays true).
 */
async function buyerWithOrders(count: number): Promise<number> {
  const [user] = await supergraph.sql<{ id: number }[]>`
    insert into accounts.users (name, email) values ('Batch Buyer', ${`batch-${count}-${Date.now()}@example.com`})
    returning id`;
  const products = await supergraph.sql<{ id: number; price_amount: number }[]>`
    select id, price_amount from catalog.products order by id limit 2`;
  for (let i = 0; i < count; i++) {
    const [order] = await supergraph.sql<{ id: number }[]>`
      insert into orders.orders (buyer_id, status, idempotency_key, total_amount)
      values (${user!.id}, 'CANCELLED', ${`batch-${i}`}, ${products.reduce((sum, p) => sum + p.price_amount, 0)})
      returning id`;
    await supergraph.sql`insert into orders.order_lines ${supergraph.sql(
      products.map((p, lineNo) => ({
        order_id: order!.id,
        line_no: lineNo + 1,
        product_id: p.id,
        quantity: 1,
        unit_price_amount: p.price_amount,
      })),
    )}`;
  }
  return user!.id;
}

describe('SQL statements per operation', () => {
  it('products → reviews → author name: one statement per subgraph, for 1 and for 50 products', async () => {
    const query = `query ($n: Int!) { products(first: $n) { nodes { id reviews(first: 5) { nodes { id author { name } } } } } }`;
    const one = await statementsFor(query, { n: 1 });
    const fifty = await statementsFor(query, { n: 50 });
    expect(one.statements).toEqual({ accounts: 1, catalog: 1, reviews: 1 });
    expect(fifty.statements).toEqual(one.statements);
    const nodes = (fifty.data as { products: { nodes: { reviews: { nodes: unknown[] } }[] } })
      .products.nodes;
    expect(nodes).toHaveLength(50);
    // The shape really fanned out: many reviews, many authors, still one statement each.
    expect(nodes.flatMap((n) => n.reviews.nodes).length).toBeGreaterThan(100);
  });

  it('products → inStock, shippingEstimate, rating: one statement per subgraph', async () => {
    const query = `query ($n: Int!) { products(first: $n) { nodes { id inStock availableQuantity shippingEstimate { amount } rating { average count } } } }`;
    const one = await statementsFor(query, { n: 1 });
    const fifty = await statementsFor(query, { n: 50 });
    // shippingEstimate is computed from weightGrams (@requires), so it costs no statement.
    expect(one.statements).toEqual({ catalog: 1, inventory: 1, reviews: 1 });
    expect(fifty.statements).toEqual(one.statements);
  });

  it("a product page's rating and review count are read in one statement, for 1 and for 50 products", async () => {
    const query = `query ($n: Int!) { products(first: $n) { nodes { id rating { average count } reviews(first: 10) { totalCount nodes { id author { name } } } } } }`;
    const one = await statementsFor(query, { n: 1 });
    const fifty = await statementsFor(query, { n: 50 });
    // reviews: the rating summaries (whose counts are the totalCounts) and the pages of reviews.
    expect(one.statements).toEqual({ accounts: 1, catalog: 1, reviews: 2 });
    expect(fifty.statements).toEqual(one.statements);
    const nodes = (
      fifty.data as {
        products: { nodes: { rating: { count: number }; reviews: { totalCount: number } }[] };
      }
    ).products.nodes;
    expect(nodes.some((n) => n.rating.count > 0)).toBe(true);
    for (const n of nodes) expect(n.reviews.totalCount).toBe(n.rating.count);
    // Without rating, totalCount still costs one statement of its own.
    const countOnly = await statementsFor(
      `query ($n: Int!) { products(first: $n) { nodes { reviews(first: 1) { totalCount } } } }`,
      { n: 50 },
    );
    expect(countOnly.statements).toEqual({ catalog: 1, reviews: 2 });
  });

  it("a user's orders → lines → product → price: the same statements for 1 order and for 50", async () => {
    const query = `query ($id: ID!, $n: Int!) { user(id: $id) { name orders(first: $n) { nodes { id lines { quantity product { name price { amount } } } } } } }`;
    const oneBuyer = await buyerWithOrders(1);
    const fiftyBuyer = await buyerWithOrders(50);
    const one = await statementsFor(query, { id: String(oneBuyer), n: 50 });
    const fifty = await statementsFor(query, { id: String(fiftyBuyer), n: 50 });
    // accounts: the user; orders: the page of orders + their lines; catalog: the products.
    expect(one.statements).toEqual({ accounts: 1, catalog: 1, orders: 2 });
    expect(fifty.statements).toEqual(one.statements);
    const orders = (fifty.data as { user: { orders: { nodes: { lines: unknown[] }[] } } }).user
      .orders.nodes;
    expect(orders).toHaveLength(50);
    expect(orders.every((o) => o.lines.length === 2)).toBe(true);
  });

  it('every key lookup is one `= any(array)` statement, whatever the number of keys', async () => {
    await statementsFor(
      `{ products(first: 50) { nodes { reviews(first: 3) { nodes { author { name } } } } } }`,
      {},
    );
    const lookups = supergraph.stack.statements.statements.filter((s) => s.subgraph === 'accounts');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.query).toMatch(/= any\(\$1::int\[\]\)/);
  });
});

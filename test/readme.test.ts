import { afterAll, describe, expect, it } from 'vitest';
import { gql } from './support/graphql';
import { readmeExamples } from './support/readme';
import { useSupergraph } from './support/supergraph';

/** The README's example queries run on the seed data and return something, so they stay true. */
const examples = readmeExamples();

// As the seeded admin: the orders example needs a signed-in owner or admin, as the README says.
const supergraph = useSupergraph();

// The write examples place an order and add a review as the admin; undo both, so files that
// read the seed's stock, orders and newest reviews find them as seeded.
afterAll(async () => {
  const orders = await supergraph.sql<{ id: number }[]>`
    select id from orders.orders where buyer_id = 1 and idempotency_key like 'readme-%'`;
  for (const { id } of orders) {
    await gql(
      supergraph.stack.routerUrl,
      `mutation ($id: ID!) { cancelOrder(id: $id) { order { status } } }`,
      { id: String(id) },
      supergraph.admin,
    );
    await supergraph.sql`delete from inventory.holds where order_id = ${id}`;
    await supergraph.sql`delete from orders.orders where id = ${id}`;
  }
  await supergraph.sql`delete from reviews.reviews where author_id = 1`;
});

describe('README examples', () => {
  it('has examples', () => {
    expect(examples.size).toBeGreaterThanOrEqual(5);
  });

  it.each([...examples])('%s answers with data', async (_name, query) => {
    const { body } = await gql(supergraph.stack.routerUrl, query, {}, supergraph.admin);
    expect(body.errors).toBeUndefined();
    for (const [field, value] of Object.entries(body.data ?? {})) {
      expect(value, field).not.toBeNull();
      // A root connection must hold something (nested ones, e.g. a leaf category's, may not).
      const total = (value as { totalCount?: number }).totalCount;
      if (total !== undefined) expect(total, `${field}.totalCount`).toBeGreaterThan(0);
    }
  });
});

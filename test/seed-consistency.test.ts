import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDatabaseUrl } from './support/database';
import { auditStock } from '../scripts/stock-audit';
import { createWorld } from '../ops/seed/world';

/**
 * The seeded shop is at rest and keeps the write path's stock invariant (DESIGN.md §5): no
 * order in flight, a HELD hold holding exactly the lines of each CONFIRMED order, none for the
 * others, and every product's `reserved` the sum of its HELD hold lines. Other files share the
 * database and place or cancel orders before this one runs; they keep the invariant too, but
 * checks about orders are limited to the seeded ones (idempotency key `seed-…`), which only
 * this seed writes. Each query returns the offending rows, so a failure names them.
 */
let sql: postgres.Sql;

beforeAll(() => {
  sql = postgres(fileDatabaseUrl(), { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  await sql?.end();
});

describe('seeded orders and inventory holds', () => {
  it('has seeded orders of every settled status and none in flight', async () => {
    const byStatus = await sql<{ status: string; orders: number }[]>`
      select status, count(*)::int as orders from orders.orders
      where idempotency_key like 'seed-%' group by status order by status`;
    expect(byStatus.map((r) => r.status)).toEqual(['CONFIRMED', 'CANCELLED', 'REJECTED']);
    expect(byStatus.every((r) => r.orders > 0)).toBe(true);
  });

  it('leaves no stock to give back (release_due) on a seeded order', async () => {
    const due = await sql`
      select id, status from orders.orders
      where idempotency_key like 'seed-%' and release_due order by id limit 20`;
    expect(due, 'seeded orders with release_due set').toEqual([]);
  });

  it('reserves for every product exactly what its HELD holds hold', async () => {
    const mismatches = await sql<{ product_id: number; reserved: number | null; held: number }[]>`
      with held as (
        select l.product_id, sum(l.quantity)::int as held
        from inventory.hold_lines l join inventory.holds h on h.order_id = l.order_id
        where h.state = 'HELD'
        group by l.product_id)
      select coalesce(s.product_id, held.product_id) as product_id, s.reserved,
             coalesce(held.held, 0) as held
      from inventory.stock s full join held on held.product_id = s.product_id
      where s.reserved is distinct from coalesce(held.held, 0)
      order by 1 limit 20`;
    expect(mismatches, 'products whose stock.reserved ≠ sum of HELD hold lines').toEqual([]);
    // Not vacuous: the seed holds stock.
    const [total] = await sql<{ reserved: number }[]>`
      select coalesce(sum(reserved), 0)::int as reserved from inventory.stock`;
    expect(total!.reserved).toBeGreaterThan(0);
  });

  it('holds stock (HELD) for exactly the seeded CONFIRMED orders', async () => {
    const wrong = await sql<{ order_id: number; status: string; hold: string | null }[]>`
      select o.id as order_id, o.status::text, h.state::text as hold
      from orders.orders o left join inventory.holds h on h.order_id = o.id
      where o.idempotency_key like 'seed-%'
        and (o.status = 'CONFIRMED') <> coalesce(h.state = 'HELD', false)
      order by o.id limit 20`;
    expect(wrong, 'seeded orders HELD iff CONFIRMED').toEqual([]);
  });

  it('gives cancelled and rejected seeded orders a RELEASED hold, so a late reserve is refused', async () => {
    const unmarked = await sql<{ order_id: number; status: string; hold: string | null }[]>`
      select o.id as order_id, o.status::text, h.state::text as hold
      from orders.orders o left join inventory.holds h on h.order_id = o.id
      where o.idempotency_key like 'seed-%' and o.status in ('CANCELLED', 'REJECTED')
        and h.state is distinct from 'RELEASED'
      order by o.id limit 20`;
    expect(unmarked, 'seeded cancelled/rejected orders without a RELEASED hold').toEqual([]);
  });

  it("records each seeded CONFIRMED or CANCELLED order's lines on its hold", async () => {
    const differences = await sql<
      { order_id: number; product_id: number; ordered: number | null; held: number | null }[]
    >`
      with seeded_held as (
        select o.id from orders.orders o join inventory.holds h on h.order_id = o.id
        where o.idempotency_key like 'seed-%' and o.status in ('CONFIRMED', 'CANCELLED')),
      ordered as (
        select order_id, product_id, sum(quantity)::int as quantity from orders.order_lines
        where order_id in (select id from seeded_held) group by order_id, product_id),
      held as (
        select order_id, product_id, quantity from inventory.hold_lines
        where order_id in (select id from seeded_held))
      select coalesce(ordered.order_id, held.order_id) as order_id,
             coalesce(ordered.product_id, held.product_id) as product_id,
             ordered.quantity as ordered, held.quantity as held
      from ordered full join held
        on held.order_id = ordered.order_id and held.product_id = ordered.product_id
      where ordered.quantity is distinct from held.quantity
      order by 1, 2 limit 20`;
    expect(differences, 'order lines vs hold lines of seeded orders').toEqual([]);
  });

  it('keeps no hold lines for seeded REJECTED orders (nothing was ever held)', async () => {
    const lines = await sql<{ order_id: number; product_id: number; quantity: number }[]>`
      select l.order_id, l.product_id, l.quantity
      from inventory.hold_lines l
      join inventory.holds h on h.order_id = l.order_id
      join orders.orders o on o.id = l.order_id
      where o.status = 'REJECTED' and o.idempotency_key like 'seed-%'
      order by 1, 2 limit 20`;
    expect(lines, 'hold lines of seeded REJECTED orders').toEqual([]);
  });
});

describe('the whole database', () => {
  it('passes the stock audit of the write path (scripts/stock-audit.ts) for every product', async () => {
    const audit = await auditStock(sql);
    expect(audit.products.length).toBeGreaterThan(0);
    expect(audit.violations).toEqual([]);
  });
});

describe('the seed world', () => {
  it('counts one hold per order and its lines, and reserves what the HELD holds hold', () => {
    const world = createWorld({ scale: 1 });
    const reserved = new Map<number, number>();
    let holds = 0;
    const heldOrders = new Set<number>();
    for (const hold of world.holds()) {
      holds++;
      if (hold.state === 'HELD') heldOrders.add(hold.orderId);
    }
    const held = heldOrders.size;
    let holdLines = 0;
    for (const line of world.holdLines()) {
      holdLines++;
      if (!heldOrders.has(line.orderId)) continue;
      reserved.set(line.productId, (reserved.get(line.productId) ?? 0) + line.quantity);
    }
    let confirmed = 0;
    for (const order of world.orders()) if (order.status === 'CONFIRMED') confirmed++;
    expect(holds).toBe(world.counts.orders);
    expect(world.counts.holds).toBe(holds);
    expect(world.counts.holdLines).toBe(holdLines);
    expect(held).toBe(confirmed);
    const wrong = [...world.stock()].filter((s) => s.reserved !== (reserved.get(s.productId) ?? 0));
    expect(wrong).toEqual([]);
  });
});

/**
 * The stock invariants of the write path (DESIGN.md §5), checked against the data itself: what
 * orders believes is held must be what inventory holds. It reads the orders and inventory
 * schemas together, so it needs both in one database (the default deployment, tests and
 * benchmarks); `npm run audit:stock` runs it against DATABASE_URL. A dev and ops tool, not
 * production code: no subgraph may read another's tables (DESIGN.md §1).
 */
import type postgres from 'postgres';

export interface ProductStock {
  productId: number;
  available: number;
  reserved: number;
  /** Units on lines of this product's PENDING and CONFIRMED orders. */
  heldByLiveOrders: number;
  /** Units in inventory's HELD holds for this product. */
  held: number;
}

export interface StockAudit {
  products: ProductStock[];
  /** Every broken invariant, in words; empty when all hold. */
  violations: string[];
  /** Orders not settled yet (PENDING) or with stock still to give back (release_due). */
  unsettled: { pending: number; releaseDue: number };
}

/**
 * Audits `productIds` (all products when omitted). `initial`, when given, is each product's
 * stock before the orders being checked: then initial = available + held by live orders.
 */
export async function auditStock(
  sql: postgres.Sql,
  options: { productIds?: number[]; initial?: Map<number, number> } = {},
): Promise<StockAudit> {
  const ids = options.productIds ?? null;
  const products = await sql<ProductStock[]>`
    select s.product_id as "productId", s.available, s.reserved,
      coalesce((select sum(l.quantity) from orders.order_lines l
                join orders.orders o on o.id = l.order_id
                where l.product_id = s.product_id and o.status in ('PENDING', 'CONFIRMED')), 0)::int
        as "heldByLiveOrders",
      coalesce((select sum(hl.quantity) from inventory.hold_lines hl
                join inventory.holds h on h.order_id = hl.order_id
                where hl.product_id = s.product_id and h.state = 'HELD'), 0)::int as held
    from inventory.stock s
    where ${ids === null ? sql`true` : sql`s.product_id = any(${ids})`}
    order by s.product_id`;
  const violations: string[] = [];
  for (const p of products) {
    const initial = options.initial?.get(p.productId);
    if (p.available < 0) violations.push(`product ${p.productId}: available ${p.available} < 0`);
    if (p.reserved !== p.held) {
      violations.push(`product ${p.productId}: reserved ${p.reserved} ≠ held by holds ${p.held}`);
    }
    if (initial !== undefined && initial !== p.available + p.heldByLiveOrders) {
      violations.push(
        `product ${p.productId}: initial ${initial} ≠ available ${p.available} + held by ` +
          `PENDING/CONFIRMED orders ${p.heldByLiveOrders}`,
      );
    }
  }
  const scope =
    ids === null
      ? sql`true`
      : sql`o.id in (select order_id from orders.order_lines where product_id = any(${ids}))`;
  const [wrong] = await sql<{ heldForDead: number; confirmedUnheld: number }[]>`
    select
      count(*) filter (where o.status in ('REJECTED', 'CANCELLED') and h.state = 'HELD')::int
        as "heldForDead",
      count(*) filter (where o.status = 'CONFIRMED' and h.state is distinct from 'HELD')::int
        as "confirmedUnheld"
    from orders.orders o left join inventory.holds h on h.order_id = o.id
    where ${scope}`;
  if (wrong!.heldForDead > 0) {
    violations.push(`${wrong!.heldForDead} REJECTED/CANCELLED orders still hold stock`);
  }
  if (wrong!.confirmedUnheld > 0) {
    violations.push(`${wrong!.confirmedUnheld} CONFIRMED orders hold no stock`);
  }
  const [unsettled] = await sql<{ pending: number; releaseDue: number }[]>`
    select count(*) filter (where o.status = 'PENDING')::int as pending,
           count(*) filter (where o.release_due)::int as "releaseDue"
    from orders.orders o where ${scope}`;
  return { products, violations, unsettled: unsettled! };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../lib/db';
import { dbOptionsFrom, dbSettingsEnv, subgraphNames } from '../lib/env';
import { loadPersistedQueries, manifestPath } from '../router/persisted/manifest';
import { tables as accountsTables } from '../subgraphs/accounts/db/schema';
import { createPartner } from '../subgraphs/accounts/partners';
import { fileDatabaseUrl } from './support/database';
import { gql, type GraphQLBody } from './support/graphql';
import { scrape, total, type Sample } from './support/metrics';
import { cancelOrder, orderTestProducts, placeOrder } from './support/orders';
import { useSupergraph } from './support/supergraph';

/**
 * DESIGN.md §7's metrics: a known workload through the router moves each server's counters, as
 * its own management port reports them, by exactly the expected amounts; and no label grows
 * past its bounded set whatever operation names clients send.
 */
const supergraph = useSupergraph();
const products = orderTestProducts(supergraph, `MET-${process.pid}`);
const registry = loadPersistedQueries(manifestPath);
const listed = [...registry.byId.values()];
const idOf = (name: string) => listed.find((op) => op.name === name)!.id;
const accounts = createDb(
  dbOptionsFrom(dbSettingsEnv({}), fileDatabaseUrl(), 'mercato-test-metrics'),
  accountsTables,
);

let partnerKey: string;
let buyer: Record<string, string>;
beforeAll(async () => {
  partnerKey = (await createPartner(accounts.db, { name: 'Metrics', operations: null })).key;
  buyer = await supergraph.stack.authAs(160);
});
afterAll(async () => {
  await products.removeAll();
  await accounts.close();
});

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(supergraph.stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

const byId = (name: string, variables: Record<string, unknown>) => ({
  operationName: name,
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: idOf(name) } },
});

type Scrapes = Record<'router' | (typeof subgraphNames)[number], Sample[]>;

async function scrapeAll(): Promise<Scrapes> {
  const { router, subgraphs } = supergraph.stack;
  const entries = await Promise.all(
    Object.entries({ router, ...subgraphs }).map(
      async ([name, running]) => [name, await scrape(running.managementUrl)] as const,
    ),
  );
  return Object.fromEntries(entries) as Scrapes;
}

/** How far `name` (summed over samples whose labels include `labels`) moved on `server`. */
function moved(
  before: Scrapes,
  after: Scrapes,
  server: keyof Scrapes,
  name: string,
  labels: Record<string, string> = {},
): number {
  return total(after[server], name, labels) - total(before[server], name, labels);
}

describe('metrics', () => {
  it('a known workload moves each counter by exactly its amount', async () => {
    const kettle = await products.create(5, 2_000);
    const kettleSku = `MET-${process.pid}-1`;
    const before = await scrapeAll();
    const partner = { 'x-api-key': partnerKey };
    for (let i = 0; i < 3; i++) {
      const { body } = await post(byId('ProductDetail', { sku: kettleSku }), partner);
      expect(body.errors).toBeUndefined();
    }
    const { body: unknown } = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
      partner,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const fields = Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ');
    const { body: tooMany } = await gql(supergraph.stack.routerUrl, `query Wide { ${fields} }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('MAX_ROOT_FIELDS_LIMIT');
    const confirmed = await placeOrder(supergraph.stack.routerUrl, buyer, `met-${process.pid}-1`, [
      { productId: kettle, quantity: 2 },
    ]);
    expect(confirmed.payload?.errors).toEqual([]);
    const rejected = await placeOrder(supergraph.stack.routerUrl, buyer, `met-${process.pid}-2`, [
      { productId: kettle, quantity: 50 },
    ]);
    expect(rejected.payload?.errors[0]?.code).toBe('OUT_OF_STOCK');
    // The confirmed order cancelled: its stock released; then one recovery pass with nothing to do.
    const cancelled = await cancelOrder(
      supergraph.stack.routerUrl,
      buyer,
      confirmed.payload!.order!.id,
    );
    expect(cancelled.payload?.order?.status).toBe('CANCELLED');
    const report = await supergraph.stack.recoverOrders();
    const after = await scrapeAll();
    const by = (server: keyof Scrapes, name: string, labels: Record<string, string> = {}) =>
      moved(before, after, server, name, labels);

    const requests = 'mercato_router_requests_total';
    expect(by('router', requests)).toBe(7);
    expect(
      by('router', requests, { operation: 'ProductDetail', client: 'partner', outcome: 'ok' }),
    ).toBe(3);
    // The order test client names its operations `Place` and `Cancel`, which the manifest does not list.
    expect(by('router', requests, { operation: '(other)', client: 'app', outcome: 'ok' })).toBe(3);
    expect(
      by('router', requests, {
        // Refused at validation, before the document's name is resolved; none was sent beside it.
        operation: '(anonymous)',
        client: 'anonymous',
        outcome: 'MAX_ROOT_FIELDS_LIMIT',
      }),
    ).toBe(1);
    expect(by('router', 'http_server_request_duration_seconds_count')).toBe(7);
    expect(by('router', 'mercato_router_limit_refusals_total')).toBe(1);
    expect(
      by('router', 'mercato_router_limit_refusals_total', { rule: 'MAX_ROOT_FIELDS_LIMIT' }),
    ).toBe(1);
    const persisted = 'mercato_router_persisted_queries_total';
    expect(by('router', persisted, { result: 'hit' })).toBe(3);
    expect(by('router', persisted, { result: 'miss' })).toBe(1);
    expect(by('router', persisted, { result: 'refused' })).toBe(0);
    expect(by('router', persisted, { result: 'freeform' })).toBe(4);
    expect(total(after.router, 'mercato_router_requests_in_flight')).toBe(0);

    // ProductDetail: catalog, then inventory and reviews; each placement and the cancel: orders.
    const fetches = 'mercato_router_subgraph_fetch_duration_seconds_count';
    expect(by('router', fetches, { subgraph: 'catalog' })).toBe(3);
    expect(by('router', fetches, { subgraph: 'inventory' })).toBe(3);
    expect(by('router', fetches, { subgraph: 'reviews' })).toBe(3);
    expect(by('router', fetches, { subgraph: 'orders' })).toBe(3);
    expect(by('router', fetches, { subgraph: 'accounts' })).toBe(0);
    expect(by('router', 'mercato_router_subgraph_fetch_errors_total')).toBe(0);

    const statements = 'mercato_db_statements_total';
    expect(by('catalog', statements, { statement: 'productsBySkus' })).toBe(3);
    expect(by('inventory', statements, { statement: 'stockByProductIds' })).toBe(3);
    expect(by('reviews', statements, { statement: 'ratingSummaries' })).toBe(3);
    expect(by('accounts', statements, { statement: 'activePartnerByKeyHash' })).toBe(1);
    expect(by('inventory', statements, { statement: 'reserve' })).toBe(2);
    expect(by('orders', statements, { statement: 'insertOrder' })).toBe(2);
    expect(by('orders', statements, { statement: 'confirmOrder' })).toBe(1);
    expect(by('orders', statements, { statement: 'rejectOrder' })).toBe(1);
    expect(
      by('catalog', 'mercato_db_statement_duration_seconds_count', { statement: 'productsBySkus' }),
    ).toBe(3);
    for (const name of subgraphNames) {
      expect(by(name, 'mercato_db_statement_errors_total'), name).toBe(0);
      expect(by(name, 'mercato_admission_refused_total'), name).toBe(0);
      expect(total(after[name], 'mercato_admission_in_flight'), name).toBe(0);
      // Orders' scrape itself reads the oldest PENDING order: that statement may be in flight.
      const scraping = name === 'orders' ? 1 : 0;
      expect(total(after[name], 'mercato_db_statements_in_flight'), name).toBeLessThanOrEqual(
        scraping,
      );
    }
    const batches = 'mercato_dataloader_batch_size';
    expect(by('catalog', `${batches}_count`, { loader: 'productBySku' })).toBe(3);
    expect(by('catalog', `${batches}_sum`, { loader: 'productBySku' })).toBe(3);
    expect(by('reviews', `${batches}_count`, { loader: 'ratingOfProduct' })).toBe(3);
    const placements = 'mercato_orders_placements_total';
    expect(by('orders', placements)).toBe(2);
    expect(by('orders', placements, { outcome: 'confirmed', code: 'none' })).toBe(1);
    expect(by('orders', placements, { outcome: 'rejected', code: 'OUT_OF_STOCK' })).toBe(1);
    expect(by('inventory', 'mercato_inventory_reserve_total', { result: 'held' })).toBe(1);
    expect(by('inventory', 'mercato_inventory_reserve_total', { result: 'insufficient' })).toBe(1);
    expect(by('inventory', 'mercato_inventory_release_total', { result: 'released' })).toBe(1);
    expect(by('orders', 'mercato_orders_recovery_passes_total', { result: 'ok' })).toBe(1);
    expect(by('orders', 'mercato_orders_recovery_passes_total', { result: 'failed' })).toBe(0);
    expect(by('orders', 'mercato_orders_recovery_orders_total', { result: 'confirmed' })).toBe(
      report.confirmed,
    );
    expect(total(after.orders, 'mercato_orders_oldest_pending_age_seconds')).toBe(0);
    const operations = 'mercato_subgraph_operation_duration_seconds_count';
    expect(by('orders', operations, { operation: 'Place__orders__0' })).toBe(2);
    expect(by('catalog', operations, { operation: 'ProductDetail__catalog__0' })).toBe(3);
  });

  it('counts a fetch from a subgraph that is down as its error', async () => {
    const before = await scrapeAll();
    await supergraph.stack.restartSubgraph('reviews', async () => {
      const { body } = await post(byId('ProductDetail', { sku: `MET-${process.pid}-1` }), {
        'x-api-key': partnerKey,
      });
      expect(body.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    });
    const after = await scrapeAll();
    const errors = 'mercato_router_subgraph_fetch_errors_total';
    expect(moved(before, after, 'router', errors)).toBe(1);
    expect(
      moved(before, after, 'router', errors, { subgraph: 'reviews', code: 'SUBGRAPH_UNAVAILABLE' }),
    ).toBe(1);
    expect(
      moved(before, after, 'router', 'mercato_router_requests_total', {
        operation: 'ProductDetail',
        client: 'partner',
        outcome: 'SUBGRAPH_UNAVAILABLE',
      }),
    ).toBe(1);
  });

  it('shows an order left PENDING by its age until recovery confirms it', async () => {
    const mug = await products.create(3, 500);
    const before = await scrapeAll();
    await supergraph.stack.restartSubgraph('inventory', async () => {
      const placed = await placeOrder(supergraph.stack.routerUrl, buyer, `met-${process.pid}-3`, [
        { productId: mug, quantity: 1 },
      ]);
      expect(placed.payload?.order?.status).toBe('PENDING');
    });
    const during = await scrape(supergraph.stack.subgraphs.orders.managementUrl);
    expect(total(during, 'mercato_orders_oldest_pending_age_seconds')).toBeGreaterThan(0);
    const report = await supergraph.stack.recoverOrders();
    expect(report.confirmed).toBe(1);
    const after = await scrapeAll();
    expect(total(after.orders, 'mercato_orders_oldest_pending_age_seconds')).toBe(0);
    const placements = 'mercato_orders_placements_total';
    expect(moved(before, after, 'orders', placements, { outcome: 'pending', code: 'none' })).toBe(
      1,
    );
    const recovered = 'mercato_orders_recovery_orders_total';
    expect(moved(before, after, 'orders', recovered, { result: 'confirmed' })).toBe(1);
    expect(moved(before, after, 'orders', 'mercato_orders_recovery_passes_total')).toBe(1);
  });

  it('keeps every label within its bounded set, whatever operation names clients send', async () => {
    const names = Array.from(
      { length: 50 },
      (_, i) => `Fuzz${i}_${Math.random().toString(36).slice(2)}`,
    );
    for (const name of names) {
      await gql(
        supergraph.stack.routerUrl,
        `query ${name} { products(first: 1) { nodes { id } } }`,
      );
    }
    const scrapes = await scrapeAll();
    const router = scrapes.router.filter((s) => s.name.startsWith('mercato_router_requests'));
    const allowed = new Set([...listed.map((op) => op.name), '(other)', '(anonymous)']);
    for (const sample of router) {
      if (sample.labels.operation !== undefined) expect(allowed).toContain(sample.labels.operation);
      if (sample.labels.client !== undefined)
        expect(['app', 'partner', 'anonymous']).toContain(sample.labels.client);
    }
    for (const server of Object.keys(scrapes) as (keyof Scrapes)[]) {
      const values = new Map<string, Set<string>>();
      for (const sample of scrapes[server]) {
        if (!sample.name.startsWith('mercato_')) continue;
        for (const [label, value] of Object.entries(sample.labels)) {
          if (label === 'le') continue;
          const key = `${sample.name.replace(/_(bucket|sum|count)$/, '')}/${label}`;
          values.set(key, (values.get(key) ?? new Set()).add(value));
          // Never a value that reads as data: no whitespace, quotes or SQL.
          expect(value, key).toMatch(/^[\w()\-.]+$/);
        }
      }
      // Operation names a subgraph sees are capped at 100 distinct, plus (other) and (anonymous).
      for (const [key, set] of values)
        expect(set.size, `${server} ${key}`).toBeLessThanOrEqual(102);
    }
  });
});

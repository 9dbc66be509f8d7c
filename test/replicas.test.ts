import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../lib/db';
import { dbOptionsFrom, dbSettingsEnv } from '../lib/env';
import { sha256Hex } from '../lib/hash';
import { callCatalogFeed } from './support/partner-call';
import { auditStock } from '../scripts/stock-audit';
import { tables as accountsTables } from '../subgraphs/accounts/db/schema';
import { createPartner, revokePartnerBy } from '../subgraphs/accounts/partners';
import { postFrom } from './support/client';
import { fileDatabaseUrl } from './support/database';
import { expectNoneLost, statusesOf, waitFor } from './support/integrity';
import { scrape, total } from './support/metrics';
import { orderTestProducts, placeOrderRetrying } from './support/orders';
import { dropKeys, TEST_REDIS_URL, testKeyPrefix, testSharedState } from './support/redis';
import { startReplicas, type Replicas } from './support/replicas';

/**
 * DESIGN.md §7, scaled out: two router replicas and two orders replicas (one of each other
 * subgraph) on the machine's PostgreSQL and Redis. The routers agree through Redis — one rate
 * limit counted across both, a partner revocation refused by both within 1 s — and a rush spread
 * over both orders replicas, both recovering all along, keeps every stock invariant.
 * (A router replica killed mid-load: test/e2e/router-killed.test.ts, on real processes.)
 */
const prefix = testKeyPrefix('replicas');
const sql = postgres(fileDatabaseUrl(), { max: 2, onnotice: () => {} });
const accounts = createDb(
  dbOptionsFrom(dbSettingsEnv({}), fileDatabaseUrl(), 'mercato-test-replicas'),
  accountsTables,
);
const products = orderTestProducts({ sql }, `REP-${process.pid}`);
let replicas: Replicas;

beforeAll(async () => {
  replicas = await startReplicas(fileDatabaseUrl(), {
    routerEnv: {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_ANONYMOUS: '6/1m',
      TRUSTED_PROXIES: '127.0.0.1',
    },
  });
});
afterAll(async () => {
  await replicas?.stop();
  await products.removeAll();
  await accounts.close();
  await sql.end();
  await dropKeys(prefix);
});

const PRODUCTS = '{ products(first: 1) { nodes { id } } }';

describe('two router replicas', () => {
  it('count one rate limit together', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      const router = replicas.routers[i % 2]!;
      statuses.push((await postFrom(router.url, PRODUCTS, {}, { headers })).status);
    }
    // Alone, each replica would allow 6: together they allow 6, then both refuse.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    for (const router of replicas.routers) {
      const samples = await scrape(router.managementUrl);
      expect(total(samples, 'mercato_router_rate_limited_total', { limit: 'anonymous' })).toBe(1);
    }
  });

  it('share the APQ cache: a document registered on one runs by its hash on the other', async () => {
    const query = `{ categories { id } } # replicas ${prefix}`;
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    const call = (url: string, body: Record<string, unknown>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => (await r.json()) as { data?: unknown; errors?: unknown[] });
    const [one, two] = replicas.routers.map((r) => r.url) as [string, string];
    // Unknown to both at first: the hash alone is a miss.
    expect((await call(two, { extensions })).errors).toHaveLength(1);
    expect((await call(one, { query, extensions })).data).toBeDefined();
    const byHash = await call(two, { extensions });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual((await call(one, { query })).data);
  });

  it('both refuse a revoked partner key within 1 s of its revocation', async () => {
    const call = (url: string, key: string) => callCatalogFeed(url, key).then((r) => r.status);
    const urls = replicas.routers.map((r) => r.url);
    const announced = await createPartner(accounts.db, { name: 'Announced', operations: null });
    const silent = await createPartner(accounts.db, { name: 'Silent', operations: null });
    // Both replicas have verified (and cached) both keys.
    for (const key of [announced.key, silent.key])
      expect(await Promise.all(urls.map((url) => call(url, key)))).toEqual([200, 200]);

    // Revoked without an announcement, a key keeps working from the routers' caches (30 s while
    // they hear revocations): what refuses the other one below is the broadcast.
    await revokePartnerBy(accounts.db, String(silent.partner.id));
    const publisher = await testSharedState(prefix);
    const started = performance.now();
    try {
      const revoked = await revokePartnerBy(accounts.db, String(announced.partner.id), publisher);
      expect(revoked.announced).toBe(true);
    } finally {
      await publisher.close();
    }
    const latencies = await Promise.all(
      urls.map(async (url) => {
        await waitFor(async () => (await call(url, announced.key)) === 401, 5_000);
        return performance.now() - started;
      }),
    );
    for (const ms of latencies) expect(ms).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await Promise.all(urls.map((url) => call(url, silent.key)))).toEqual([200, 200]);
    console.info(
      `partner revoked and announced: refused by router 1 after ${latencies[0]!.toFixed(0)} ms, ` +
        `router 2 after ${latencies[1]!.toFixed(0)} ms (revocation write included); ` +
        'a key revoked without announcement still served by both 1.2 s later (cache TTL 30 s)',
    );
  });
});

describe('two orders replicas, both recovering', () => {
  it(
    'sell exactly the stock there is to 200 buyers spread over both',
    { timeout: 120_000 },
    async () => {
      const UNITS = 60;
      const BUYERS = 200;
      const product = await products.create(UNITS);
      const buyers = await Promise.all(
        Array.from({ length: BUYERS }, (_, i) => replicas.authAs(i + 1)),
      );
      const passesBefore = await Promise.all(replicas.orders.map(recoveryPasses));
      const deadline = Date.now() + 90_000;
      const answers = await Promise.all(
        buyers.map((headers, i) =>
          placeOrderRetrying(
            replicas.routers[i % 2]!.url,
            headers,
            `replicas-${process.pid}-${i}`,
            [{ productId: product, quantity: 1 }],
            deadline,
          ),
        ),
      );
      await waitFor(async () => {
        const { unsettled } = await auditStock(sql, { productIds: [product] });
        return unsettled.pending === 0 && unsettled.releaseDue === 0;
      });

      const acknowledged = answers.map((a) => a?.payload.order).filter((o) => o != null);
      expect(acknowledged).toHaveLength(BUYERS);
      expect(await statusesOf(sql, product)).toEqual({
        CONFIRMED: UNITS,
        REJECTED: BUYERS - UNITS,
      });
      const audit = await auditStock(sql, {
        productIds: [product],
        initial: new Map([[product, UNITS]]),
      });
      expect(audit.violations).toEqual([]);
      await expectNoneLost(sql, acknowledged);
      const placed = await Promise.all(replicas.orders.map(placements));
      const passes = (await Promise.all(replicas.orders.map(recoveryPasses))).map(
        (n, i) => n - passesBefore[i]!,
      );
      // The rush went through both orders replicas, and both recovered meanwhile.
      for (const n of [...placed, ...passes]) expect(n).toBeGreaterThan(0);
      const retries = answers.reduce((n, a) => n + (a?.attempts ?? 0) - 1, 0);
      const answered = acknowledged.reduce<Record<string, number>>((counts, o) => {
        counts[o.status] = (counts[o.status] ?? 0) + 1;
        return counts;
      }, {});
      console.info(
        `200-buyer rush over 2 routers and 2 orders replicas: ${BUYERS} calls (+${retries} retries), ` +
          `${UNITS} units; answered ${JSON.stringify(answered)}; placements per replica ${placed.join(' / ')}; ` +
          `recovery passes meanwhile ${passes.join(' / ')}; audit clean`,
      );
    },
  );
});

async function placements(replica: { managementUrl: string }): Promise<number> {
  return total(await scrape(replica.managementUrl), 'mercato_orders_placements_total');
}

async function recoveryPasses(replica: { managementUrl: string }): Promise<number> {
  return total(await scrape(replica.managementUrl), 'mercato_orders_recovery_passes_total');
}

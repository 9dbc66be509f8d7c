import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../lib/db';
import { dbOptionsFrom, dbSettingsEnv } from '../lib/env';
import { sha256Hex } from '../lib/hash';
import { callCatalogFeed } from './support/partner-call';
import { tables as accountsTables } from '../subgraphs/accounts/db/schema';
import { createPartner, revokePartnerBy } from '../subgraphs/accounts/partners';
import { postFrom } from './support/client';
import { fileDatabaseUrl } from './support/database';
import { waitFor } from './support/integrity';
import { unreachableRedisUrl } from './support/redis';
import { startStack, type Stack } from './support/stack';

/**
 * The router when its Redis is down (REDIS_URL on a port nothing listens on), as README says:
 * it starts and serves; the APQ cache fails open (a miss: the client sends the document again);
 * rate limits are counted by the replica alone; partner answers are cached only 1 s, since no
 * revocation can be heard.
 */
const accounts = createDb(
  dbOptionsFrom(dbSettingsEnv({}), fileDatabaseUrl(), 'mercato-test-redis-down'),
  accountsTables,
);
let stack: Stack | undefined;
afterAll(async () => {
  await stack?.stop();
  await accounts.close();
});

async function started(): Promise<Stack> {
  stack ??= await startStack(fileDatabaseUrl(), {
    routerEnv: {
      REDIS_URL: await unreachableRedisUrl(),
      RATE_LIMIT_ANONYMOUS: '3/1m',
      TRUSTED_PROXIES: '127.0.0.1',
    },
  });
  return stack;
}

const QUERY = '{ products(first: 1) { nodes { id } } }';

describe('with Redis down the router', () => {
  it('still limits each client, counting on its own', async () => {
    const { routerUrl } = await started();
    const headers = { 'x-forwarded-for': '192.0.2.1' };
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await postFrom(routerUrl, QUERY, {}, { headers })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const other = await postFrom(
      routerUrl,
      QUERY,
      {},
      { headers: { 'x-forwarded-for': '192.0.2.2' } },
    );
    expect(other.status).toBe(200);
  });

  it('answers an APQ hash as a miss, and the document sent again', async () => {
    const { routerUrl } = await started();
    const query = '{ categories { id } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    const call = (body: Record<string, unknown>) =>
      fetch(routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.3' },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    expect((await call({ query, extensions })).body.data).toBeDefined();
    const miss = await call({ extensions });
    expect(miss.body.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }),
      }),
    ]);
    expect((await call({ query, extensions })).body.data).toBeDefined();
  });

  it('refuses a revoked partner key within its 1 s fallback cache lifetime', async () => {
    const { routerUrl } = await started();
    const { partner, key } = await createPartner(accounts.db, {
      name: 'Unheard',
      operations: null,
    });
    const call = () => callCatalogFeed(routerUrl, key).then((r) => r.status);
    expect(await call()).toBe(200);
    const revokedAt = performance.now();
    // No announcement can reach the router: only the short cache lifetime refuses it.
    expect((await revokePartnerBy(accounts.db, String(partner.id))).announced).toBe(false);
    await waitFor(async () => (await call()) === 401, 5_000);
    const ms = performance.now() - revokedAt;
    expect(ms).toBeLessThan(1_500);
    console.info(
      `Redis down: revoked key refused after ${ms.toFixed(0)} ms (1 s fallback cache lifetime)`,
    );
  });
});

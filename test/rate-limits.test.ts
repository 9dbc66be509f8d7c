import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../lib/db';
import { dbOptionsFrom, dbSettingsEnv } from '../lib/env';
import { tables as accountsTables } from '../subgraphs/accounts/db/schema';
import { createPartner } from '../subgraphs/accounts/partners';
import { callCatalogFeed } from './support/partner-call';
import { postFrom, type Reply } from './support/client';
import { fileDatabaseUrl } from './support/database';
import { scrape, total } from './support/metrics';
import { orderTestProducts, placeOrder } from './support/orders';
import { dropKeys, TEST_REDIS_URL, testKeyPrefix } from './support/redis';
import { countSubgraphRequests } from './support/stack';
import { useSupergraph } from './support/supergraph';

/**
 * DESIGN.md §7's rate limits through the router, counted in the machine's Redis: each refuses
 * with HTTP 429, RATE_LIMITED and Retry-After once its budget is spent, before any subgraph
 * work; callers are counted apart; X-Forwarded-For counts only from a trusted proxy. The limits
 * are small here (set below); README gives the defaults.
 */
const prefix = testKeyPrefix('rate-limits');
const supergraph = useSupergraph({
  routerEnv: {
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    RATE_LIMIT_ANONYMOUS: '8/1m',
    RATE_LIMIT_USER: '6/1m',
    RATE_LIMIT_PARTNER: '5/1m',
    RATE_LIMIT_AUTH_IP: '6/1h',
    RATE_LIMIT_AUTH_EMAIL: '3/15m',
    RATE_LIMIT_PLACE_ORDER: '2/1m',
    // The tests' requests come from 127.0.0.1, standing for a load balancer.
    TRUSTED_PROXIES: '127.0.0.1',
  },
});
const products = orderTestProducts(supergraph, `RL-${process.pid}`);
afterAll(async () => {
  await products.removeAll();
  await dropKeys(prefix);
});

let ipSerial = 0;
/** A client address of its own (TEST-NET-2, 198.51.100.0/24 and up), as a proxy reports it. */
const freshIp = () => `198.51.${100 + Math.floor(ipSerial / 250)}.${(ipSerial++ % 250) + 1}`;
const via = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

const PRODUCTS = '{ products(first: 1) { nodes { id } } }';
const PAYLOAD = 'token errors { code }';
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { ${PAYLOAD} } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${PAYLOAD} } }`;

function expectRateLimited(reply: Reply, windowS: number): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(429);
  expect(reply.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  const retryAfter = Number(reply.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowS);
  expect(reply.body.errors?.[0]?.extensions?.retryAfter).toBe(retryAfter);
}

/** Sends `n` requests one after another; their replies. */
async function times(n: number, send: (i: number) => Promise<Reply>): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (let i = 0; i < n; i++) replies.push(await send(i));
  return replies;
}

describe('per-request limits', () => {
  it('refuse an anonymous client past its budget, per client address, before any subgraph', async () => {
    const [a, b] = [freshIp(), freshIp()];
    const url = supergraph.stack.routerUrl;
    const allowed = await times(8, () => postFrom(url, PRODUCTS, {}, via(a)));
    expect(allowed.map((r) => r.status)).toEqual(Array(8).fill(200));
    const hits = countSubgraphRequests(supergraph.stack);
    const refused = await postFrom(url, PRODUCTS, {}, via(a));
    expectRateLimited(refused, 60);
    expect(hits()).toBe(0);
    // Another address has its own budget.
    expect((await postFrom(url, PRODUCTS, {}, via(b))).status).toBe(200);
  });

  it('believe X-Forwarded-For only from a trusted proxy', async () => {
    // From 127.0.0.2 (not in TRUSTED_PROXIES) every request is 127.0.0.2's, whatever it claims.
    const url = supergraph.stack.routerUrl;
    const replies = await times(9, () =>
      postFrom(url, PRODUCTS, {}, { ...via(freshIp()), localAddress: '127.0.0.2' }),
    );
    expect(replies.slice(0, 8).map((r) => r.status)).toEqual(Array(8).fill(200));
    expectRateLimited(replies[8]!, 60);
    // Through the trusted proxy, the rightmost address it appended counts, not what the client
    // wrote to its left.
    const client = freshIp();
    const spoofing = await times(9, (i) =>
      postFrom(url, PRODUCTS, {}, via(`10.0.0.${i + 1}, ${client}`)),
    );
    expect(spoofing.slice(0, 8).map((r) => r.status)).toEqual(Array(8).fill(200));
    expectRateLimited(spoofing[8]!, 60);
  });

  it('refuse a signed-in user past their budget, whatever their address', async () => {
    const url = supergraph.stack.routerUrl;
    const user = await supergraph.stack.authAs(9_001);
    const replies = await times(7, () =>
      postFrom(url, PRODUCTS, {}, { headers: { ...user, 'x-forwarded-for': freshIp() } }),
    );
    expect(replies.slice(0, 6).map((r) => r.status)).toEqual(Array(6).fill(200));
    expectRateLimited(replies[6]!, 60);
    const other = await supergraph.stack.authAs(9_002);
    expect((await postFrom(url, PRODUCTS, {}, { headers: other })).status).toBe(200);
  });

  it("hold a partner to its key's quota", async () => {
    const accounts = createDb(
      dbOptionsFrom(dbSettingsEnv({}), fileDatabaseUrl(), 'mercato-test-rate-limits'),
      accountsTables,
    );
    try {
      const [first, second] = [
        await createPartner(accounts.db, { name: 'Quota One', operations: null }),
        await createPartner(accounts.db, { name: 'Quota Two', operations: null }),
      ];
      const call = (key: string) => callCatalogFeed(supergraph.stack.routerUrl, key);
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await call(first.key)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await call(first.key);
      expect(refused.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
      expect(((await refused.json()) as Reply['body']).errors?.[0]?.extensions?.code).toBe(
        'RATE_LIMITED',
      );
      expect((await call(second.key)).status).toBe(200);
    } finally {
      await accounts.close();
    }
  });
});

describe('logIn and signUp', () => {
  it('are limited per client address, across emails', async () => {
    const ip = freshIp();
    const url = supergraph.stack.routerUrl;
    const replies = await times(7, (i) =>
      postFrom(
        url,
        LOG_IN,
        { input: { email: `nobody-${ip}-${i}@example.com`, password: 'wrong password' } },
        via(ip),
      ),
    );
    for (const reply of replies.slice(0, 6))
      expect(reply.body.data?.logIn).toEqual({
        token: null,
        errors: [{ code: 'INVALID_CREDENTIALS' }],
      });
    expectRateLimited(replies[6]!, 3_600);
  });

  it('are limited per email, from any address; past it no password is checked, right or wrong', async () => {
    const url = supergraph.stack.routerUrl;
    const email = `brute-${process.pid}@example.com`;
    const password = 'correct horse battery';
    const signedUp = await postFrom(
      url,
      SIGN_UP,
      { input: { name: 'Brute', email, password } },
      via(freshIp()),
    );
    expect(signedUp.body.data?.signUp).toMatchObject({ errors: [] });
    // signUp counted for the email too: 2 of its 3 attempts are left. Spellings are one address.
    const wrong = (i: number) =>
      postFrom(
        url,
        LOG_IN,
        { input: { email: i % 2 ? email.toUpperCase() : ` ${email}`, password: `guess ${i}` } },
        via(freshIp()),
      );
    const answered = await times(2, wrong);
    for (const reply of answered)
      expect(reply.body.data?.logIn).toEqual({
        token: null,
        errors: [{ code: 'INVALID_CREDENTIALS' }],
      });

    const hits = countSubgraphRequests(supergraph.stack);
    const flood = await times(20, (i) => wrong(100 + i));
    const right = await postFrom(url, LOG_IN, { input: { email, password } }, via(freshIp()));
    for (const reply of [...flood, right]) expectRateLimited(reply, 900);
    // Not one of them reached accounts: no user lookup, no scrypt run.
    expect(hits()).toBe(0);
    // The right password is refused exactly as the wrong ones: same status, code and message.
    const shape = (r: Reply) => ({
      status: r.status,
      data: r.body.data,
      message: r.body.errors?.[0]?.message.replace(/\d+ s$/, ''),
    });
    expect(shape(right)).toEqual(shape(flood[0]!));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.info(
      `logIn per email: attempts answered INVALID_CREDENTIALS in ${median(answered.map((r) => r.ms)).toFixed(1)} ms (scrypt); ` +
        `past the limit 20 wrong and 1 right refused in median ${median(flood.map((r) => r.ms)).toFixed(1)} ms / ${right.ms.toFixed(1)} ms, none reaching accounts`,
    );
    // Another address's email is untouched.
    const other = await postFrom(
      url,
      LOG_IN,
      { input: { email: `other-${process.pid}@example.com`, password } },
      via(freshIp()),
    );
    expect(other.status).toBe(200);
  });

  it('count every logIn of an operation, aliases and fragments included', async () => {
    const ip = freshIp();
    const aliased = `mutation ($a: LogInInput!) {
      a: logIn(input: $a) { token } ...More
    } fragment More on Mutation { b: logIn(input: $a) { token } c: logIn(input: $a) { token } }`;
    const input = { email: `aliases-${process.pid}@example.com`, password: 'wrong password' };
    const hits = countSubgraphRequests(supergraph.stack);
    const first = await postFrom(supergraph.stack.routerUrl, aliased, { a: input }, via(ip));
    expect(first.status).toBe(200);
    expect(hits()).toBe(1);
    // Three more for the same email: past its 3.
    expectRateLimited(
      await postFrom(supergraph.stack.routerUrl, aliased, { a: input }, via(freshIp())),
      900,
    );
    expect(hits()).toBe(1);
  });
});

describe('placeOrder', () => {
  it('is limited per user, before orders is called', async () => {
    const product = await products.create(10);
    const line = [{ productId: product, quantity: 1 }];
    const buyer = await supergraph.stack.authAs(9_101);
    const url = supergraph.stack.routerUrl;
    expect((await placeOrder(url, buyer, `rl-${process.pid}-1`, line)).payload?.errors).toEqual([]);
    expect((await placeOrder(url, buyer, `rl-${process.pid}-2`, line)).payload?.errors).toEqual([]);
    const hits = countSubgraphRequests(supergraph.stack);
    const refused = await placeOrder(url, buyer, `rl-${process.pid}-3`, line);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(hits()).toBe(0);
    const other = await supergraph.stack.authAs(9_102);
    expect((await placeOrder(url, other, `rl-${process.pid}-o`, line)).payload?.errors).toEqual([]);
  });
});

describe('refusals', () => {
  it('are counted on the router’s /metrics by limit', async () => {
    const samples = await scrape(supergraph.stack.router.managementUrl);
    const refused = (limit: string) =>
      total(samples, 'mercato_router_rate_limited_total', { limit });
    expect(refused('anonymous')).toBe(3);
    expect(refused('user')).toBe(1);
    expect(refused('partner')).toBe(2);
    expect(refused('auth_ip')).toBe(1);
    expect(refused('auth_email')).toBe(22);
    expect(refused('place_order')).toBe(1);
    expect(total(samples, 'mercato_router_limit_refusals_total', { rule: 'RATE_LIMITED' })).toBe(
      3 + 1 + 2 + 1 + 22 + 1,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../lib/hash';
import { fileDatabaseUrl, firstUsers } from './support/database';
import { postRaw, type RawAnswer } from './support/graphql';
import { captureLogs, type CapturedLogs } from './support/logs';
import { scrape, total } from './support/metrics';
import { countSubgraphRequests, startStack, type Stack } from './support/stack';

/**
 * The single-fetch shortcut before Apollo (router/shortcut/direct.ts). A document's first request
 * is planned on the gateway's normal path, its second takes the shortcut inside the gateway and
 * teaches it to the router, and from the third on it is answered before Apollo Server. Every
 * answer must be the one Apollo's path gives — status, headers and bytes — and every check
 * Apollo's path makes per request must still be made, before any subgraph is asked.
 */
const databaseUrl = fileDatabaseUrl();
let stack: Stack;
let logs: CapturedLogs;
let subgraphRequests: () => number;

beforeAll(async () => {
  logs = captureLogs('info');
  stack = await startStack(databaseUrl, { logger: logs.logger });
  subgraphRequests = countSubgraphRequests(stack);
});

afterAll(async () => {
  await stack?.stop();
});

const metric = async (name: string, labels: Record<string, string> = {}) =>
  total(await scrape(stack.router.managementUrl), name, labels);
const directs = () => metric('mercato_router_direct_operations_total');

const post = (body: object, headers: Record<string, string> = {}) =>
  postRaw(stack.routerUrl, body, headers);

/** Sends `body` until the router knows it (normal path, then the gateway's shortcut). */
async function teach(
  body: object,
  headers: Record<string, string> = {},
): Promise<[RawAnswer, RawAnswer]> {
  return [await post(body, headers), await post(body, headers)];
}

/** One request, with how many direct answers and subgraph requests it made. */
async function sent(body: object, headers: Record<string, string> = {}) {
  const [directBefore, fetchesBefore] = [await directs(), subgraphRequests()];
  const answer = await post(body, headers);
  return {
    answer,
    direct: (await directs()) - directBefore,
    fetches: subgraphRequests() - fetchesBefore,
  };
}

const errorCode = (answer: RawAnswer) =>
  (JSON.parse(answer.text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]
    ?.extensions?.code;

describe('a known query', () => {
  it('is answered before Apollo, as Apollo answered it: status, headers and bytes', async () => {
    const body = {
      query:
        'query DirectListing($n: Int) { products(first: $n) { nodes { id sku name description price { amount currency } createdAt } pageInfo { hasNextPage endCursor } } }',
      variables: { n: 7 },
      operationName: 'DirectListing',
    };
    const [normal, shortcut] = await teach(body);
    expect(JSON.parse(normal.text).data.products.nodes).toHaveLength(7);
    expect(normal.cacheControl).toBe('no-store');
    const { answer, direct, fetches } = await sent(body);
    expect(direct).toBe(1);
    expect(fetches).toBe(1);
    expect(shortcut).toEqual(normal);
    expect(answer).toEqual(normal);
  });

  it('is counted and logged as on Apollo’s path', async () => {
    const body = { query: 'query DirectCounted { categories { id slug } }' };
    await teach(body);
    const labels = { operation: '(other)', client: 'anonymous', outcome: 'ok' };
    const before = await metric('mercato_router_requests_total', labels);
    const durations = await metric('http_server_request_duration_seconds_count');
    const { direct } = await sent(body, { 'x-request-id': 'direct-counted-1' });
    expect(direct).toBe(1);
    expect((await metric('mercato_router_requests_total', labels)) - before).toBe(1);
    expect((await metric('http_server_request_duration_seconds_count')) - durations).toBe(1);
    expect(await metric('mercato_router_requests_in_flight')).toBe(0);
    // The router's line (the subgraph's carries the same request id).
    const line = logs.lines.find((l) => l.requestId === 'direct-counted-1' && 'client' in l);
    expect(line).toMatchObject({ operation: 'DirectCounted', client: 'anonymous', status: 200 });
  });

  it('with variables again: each request its own answer', async () => {
    const query = 'query DirectPages($n: Int) { products(first: $n) { nodes { id } } }';
    await teach({ query, variables: { n: 1 } });
    for (const n of [2, 5, 3]) {
      const { answer, direct } = await sent({ query, variables: { n } });
      expect(direct).toBe(1);
      expect(JSON.parse(answer.text).data.products.nodes).toHaveLength(n);
    }
  });

  it('sent by its APQ hash is left to Apollo, and answered the same', async () => {
    const query = 'query DirectApq { products(first: 3) { nodes { id name } } }';
    const [normal] = await teach({ query });
    const persistedQuery = { version: 1, sha256Hash: sha256Hex(query) };
    const registered = await sent({ query, extensions: { persistedQuery } });
    const byHash = await sent({ extensions: { persistedQuery } });
    for (const { answer, direct } of [registered, byHash]) {
      expect(direct).toBe(0);
      expect(answer).toEqual(normal);
    }
  });

  it("answers Hive Gateway's accept header with Apollo's content type, and leaves others to Apollo", async () => {
    const body = { query: 'query DirectAccept { products(first: 2) { nodes { id } } }' };
    const accept = 'application/graphql-response+json, application/json, multipart/mixed';
    const [normal] = await teach(body, { accept });
    expect(normal.contentType).toBe('application/graphql-response+json; charset=utf-8');
    const hive = await sent(body, { accept });
    expect(hive.direct).toBe(1);
    expect(hive.answer).toEqual(normal);
    const weighted = await sent(body, { accept: 'application/json;q=0.9, */*;q=0.1' });
    expect(weighted.direct).toBe(0);
    expect(JSON.parse(weighted.answer.text)).toEqual(JSON.parse(normal.text));
  });
});

describe('a known query still passes every check Apollo’s path makes, before any fetch', () => {
  const query = 'query DirectChecked($n: Int) { products(first: $n) { nodes { id } } }';
  beforeAll(async () => {
    await teach({ query, variables: { n: 2 } });
  });

  it('the estimated cost, with its variables', async () => {
    const { answer, direct, fetches } = await sent({ query, variables: { n: 1_000_000 } });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    expect([direct, fetches]).toEqual([0, 0]);
  });

  it('the variables’ depth', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    const { answer, direct, fetches } = await sent({ query, variables: { n: 2, extra: deep } });
    expect(errorCode(answer)).toBe('MAX_VARIABLES_DEPTH_LIMIT');
    expect([direct, fetches]).toEqual([0, 0]);
  });

  it('the variables against the API schema', async () => {
    const { answer, direct, fetches } = await sent({ query, variables: { n: 'many' } });
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    expect([direct, fetches]).toEqual([0, 0]);
  });

  it('CSRF: a body a browser may send cross-site unasked (text/plain) is refused', async () => {
    const response = await fetch(stack.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; note=application/json' },
      body: JSON.stringify({ query, variables: { n: 2 } }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Cross-Site Request Forgery');
  });

  it('the caller: a bad token is refused', async () => {
    const { answer, direct, fetches } = await sent(
      { query, variables: { n: 2 } },
      { authorization: 'Bearer not-a-token' },
    );
    expect(answer.status).toBe(401);
    expect(errorCode(answer)).toBe('UNAUTHENTICATED');
    expect([direct, fetches]).toEqual([0, 0]);
  });
});

describe('errors of a known query come out as on Apollo’s path, from one fetch', () => {
  it('a subgraph’s error', async () => {
    const query =
      'query DirectFails($id: ID!, $sku: String) { product(id: $id, sku: $sku) { id } }';
    await teach({ query, variables: { id: '1' } });
    const body = { query, variables: { id: '1', sku: 'ELE-000001' } };
    const { answer, direct, fetches } = await sent(body);
    expect([direct, fetches]).toEqual([0, 1]);
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    // The same request as a document the router has not seen: Apollo's path from the start.
    const unknown = await post({ ...body, query: query.replace('DirectFails', 'DirectFails2') });
    expect(answer).toEqual({
      ...unknown,
      text: unknown.text.replace('DirectFails2', 'DirectFails'),
    });
  });

  it('an unreachable subgraph', async () => {
    const body = { query: 'query DirectDown { categories { id name } }' };
    await teach(body);
    let known: RawAnswer | undefined;
    let unknown: RawAnswer | undefined;
    await stack.restartSubgraph('catalog', async () => {
      known = await post(body);
      unknown = await post({ query: 'query DirectDown { categories { id  name } }' });
    });
    expect(errorCode(known!)).toBe('SUBGRAPH_UNAVAILABLE');
    expect(known).toEqual(unknown);
  });
});

it('two signed-in users sending the same known query at once each get their own data', async () => {
  const query = { query: 'query DirectMe { me { id email } }' };
  const [a, b] = (await firstUsers(databaseUrl, 2)) as [
    { id: number; email: string },
    { id: number; email: string },
  ];
  const [asA, asB] = [await stack.authAs(a.id), await stack.authAs(b.id)];
  await teach(query, asA);
  const before = await directs();
  const callers = [asA, asB, asA, asB, asA, asB, asA, asB, asA, asB];
  const answers = await Promise.all(callers.map((headers) => post(query, headers)));
  expect((await directs()) - before).toBe(callers.length);
  answers.forEach((answer, i) => {
    const user = i % 2 === 0 ? a : b;
    expect(JSON.parse(answer.text)).toEqual({
      data: { me: { id: String(user.id), email: user.email } },
    });
  });
  const anonymous = await post(query);
  expect(JSON.parse(anonymous.text)).toEqual({ data: { me: null } });
});

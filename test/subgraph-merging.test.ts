import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen, readBody } from '../lib/http';
import { IDENTITY_HEADER, SIGNATURE_HEADER, verifyIdentity } from '../lib/identity';
import { fileDatabaseUrl, firstUsers } from './support/database';
import { waitFor } from './support/integrity';
import { scrape, total } from './support/metrics';
import { startStack, type Stack } from './support/stack';

/**
 * The router sends identical subgraph queries in flight at once only once (router/data-source.ts)
 * — but only for one caller. Requests are held at a stand-in for the accounts subgraph until the
 * test has seen every merge it expects, so "at the same moment" is certain, not a race.
 */
const databaseUrl = fileDatabaseUrl();
let stack: Stack;
let accounts: Awaited<ReturnType<typeof heldAccounts>>;
let users: { id: number; email: string }[];

/** Passes requests on to the real accounts subgraph, holding the answers until `release()`. */
async function heldAccounts() {
  let target = '';
  let open = () => {};
  let gate = new Promise<void>((resolve) => (open = resolve));
  const received: (number | null)[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', IDENTITY_HEADER, SIGNATURE_HEADER]) {
        const value = (req.headers as IncomingHttpHeaders)[name];
        if (typeof value === 'string') headers[name] = value;
      }
      received.push(verifyIdentity(stack.internalSecret, req.headers)?.userId ?? null);
      const body = await readBody(req, 1_000_000);
      await gate;
      const upstream = await fetch(target, { method: 'POST', headers, body });
      res
        .writeHead(upstream.status, { 'content-type': 'application/json' })
        .end(await upstream.text());
    })();
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    pointAt: (url: string) => (target = url),
    release: () => {
      open();
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    close: () => closeServer(server),
  };
}

beforeAll(async () => {
  accounts = await heldAccounts();
  stack = await startStack(databaseUrl, { urlOverrides: { accounts: accounts.url } });
  accounts.pointAt(stack.subgraphs.accounts.url);
  users = await firstUsers(databaseUrl, 2);
});

afterAll(async () => {
  accounts?.release();
  await stack?.stop();
  await accounts?.close();
});

const merged = async () =>
  total(await scrape(stack.router.managementUrl), 'mercato_router_subgraph_fetches_merged_total', {
    subgraph: 'accounts',
  });

async function post(body: object, headers: Record<string, string> = {}) {
  const response = await fetch(stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('in-flight merging of subgraph queries', () => {
  it('merges one caller’s identical queries, never two callers’: each user gets their own data', async () => {
    const query = { query: '{ me { id email } }' };
    const [a, b] = users as [(typeof users)[0], (typeof users)[0]];
    const [asA, asB] = [await stack.authAs(a.id), await stack.authAs(b.id)];
    const before = await merged();
    accounts.received.length = 0;
    const answers = [asA, asB, asA, asB, asA, asB].map((headers) => post(query, headers));
    // Two users' three identical queries each: four merged into the first of each user's.
    await waitFor(async () => (await merged()) - before === 4, 10_000);
    expect([...accounts.received].sort()).toEqual([a.id, b.id].sort());
    accounts.release();
    const bodies = await Promise.all(answers);
    bodies.forEach((body, i) => {
      const user = i % 2 === 0 ? a : b;
      expect(body.errors).toBeUndefined();
      expect(body.data?.me).toEqual({ id: String(user.id), email: user.email });
    });
  });

  it('never merges a mutation: identical ones in flight at once each reach the subgraph', async () => {
    const logIn = {
      query:
        'mutation { logIn(input: { email: "nobody@example.com", password: "wrong password" }) { token errors { code } } }',
    };
    const before = await merged();
    accounts.received.length = 0;
    const answers = [post(logIn), post(logIn), post(logIn)];
    await waitFor(async () => accounts.received.length === 3, 10_000);
    accounts.release();
    const bodies = await Promise.all(answers);
    expect(await merged()).toBe(before);
    for (const body of bodies)
      expect(body.data?.logIn).toEqual({ token: null, errors: [{ code: 'INVALID_CREDENTIALS' }] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDatabaseUrl } from './support/database';
import { createDb } from '../lib/db';
import { dbOptionsFrom, dbSettingsEnv } from '../lib/env';
import { countSubgraphRequests, startStack, type Stack } from './support/stack';
import { sha256Hex } from '../lib/hash';
import { loadPersistedQueries, manifestPath } from '../router/persisted/manifest';
import { tables as accountsTables } from '../subgraphs/accounts/db/schema';
import { createPartner, revokePartnerBy } from '../subgraphs/accounts/partners';
import { errorCodes, type GraphQLBody } from './support/graphql';

/**
 * DESIGN.md §4 through the router: partners authenticate with an API key and run only listed
 * partner operations; first-party apps may send freeform operations in development only; APQ
 * registration is no way around the list. Refusals happen before any subgraph is called.
 */
const databaseUrl = fileDatabaseUrl();
const registry = loadPersistedQueries(manifestPath);
const idOf = (name: string) => [...registry.byId.values()].find((op) => op.name === name)!.id;

const accounts = createDb(
  dbOptionsFrom(dbSettingsEnv({}), databaseUrl, 'mercato-test-policy'),
  accountsTables,
);
afterAll(() => accounts.close());

let sku: string;
let productId: string;
beforeAll(async () => {
  const [row] = await accounts.sql<
    { id: number; sku: string }[]
  >`select id, sku from catalog.products order by id limit 1`;
  sku = row!.sku;
  productId = String(row!.id);
});

/** A POST to the router; `hits` counts requests that reached any subgraph. */
async function post(
  stack: Stack,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(stack.routerUrl, {
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

describe('partners (API key)', () => {
  let stack: Stack;
  let hits: () => number;
  let key: string;
  let narrowKey: string;
  beforeAll(async () => {
    stack = await startStack(databaseUrl);
    hits = countSubgraphRequests(stack);
    key = (await createPartner(accounts.db, { name: 'Price Comparer', operations: null })).key;
    narrowKey = (
      await createPartner(accounts.db, { name: 'Feed Only', operations: ['ProductDetail'] })
    ).key;
  });
  afterAll(() => stack.stop());

  it('run a listed partner operation by id', async () => {
    const { status, body } = await post(
      stack,
      byId('StockAvailability', { skus: [sku, 'NO-SUCH-SKU'] }),
      {
        'x-api-key': key,
      },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const rows = (body.data as { productsBySku: ({ sku: string } | null)[] }).productsBySku;
    expect(rows.map((r) => r?.sku ?? null)).toEqual([sku, null]);
  });

  it('may not send freeform operations, even ones an app could send', async () => {
    const before = hits();
    const { status, body } = await post(
      stack,
      { query: `{ products(first: 1) { nodes { id } } }` },
      { 'x-api-key': key },
    );
    expect(status).toBe(403);
    expect(errorCodes(body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    expect(hits()).toBe(before);
  });

  it('may not run the apps’ listed operations', async () => {
    const { status, body } = await post(stack, byId('ProductPage', { id: productId }), {
      'x-api-key': key,
    });
    expect(status).toBe(403);
    expect(errorCodes(body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  it('cannot register an operation through APQ', async () => {
    const query = `query Sneaky { users: user(id: "1") { id email } }`;
    const { status, body } = await post(
      stack,
      { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } },
      { 'x-api-key': key },
    );
    expect(status).toBe(403);
    expect(errorCodes(body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  it('get PERSISTED_QUERY_NOT_FOUND for an unknown id', async () => {
    const { body } = await post(
      stack,
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } },
      { 'x-api-key': key },
    );
    expect(errorCodes(body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('with their own list run only the operations on it', async () => {
    const allowed = await post(stack, byId('ProductDetail', { sku }), { 'x-api-key': narrowKey });
    expect(allowed.body.errors).toBeUndefined();
    const refused = await post(stack, byId('CatalogFeed', { first: 2 }), {
      'x-api-key': narrowKey,
    });
    expect(refused.status).toBe(403);
    expect(errorCodes(refused.body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  it('are refused with an unknown, malformed or revoked key, before any subgraph is asked for data', async () => {
    const revoked = await createPartner(accounts.db, { name: 'Former Partner', operations: null });
    await revokePartnerBy(accounts.db, String(revoked.partner.id));
    for (const bad of [`mk_live_${'A'.repeat(43)}`, 'not-a-key', revoked.key]) {
      const { status, body } = await post(stack, byId('ProductDetail', { sku }), {
        'x-api-key': bad,
      });
      expect(status, bad).toBe(401);
      expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('may not combine an API key with a user token', async () => {
    const { status } = await post(stack, byId('ProductDetail', { sku }), {
      'x-api-key': key,
      ...(await stack.authAs(1, ['ADMIN'])),
    });
    expect(status).toBe(401);
  });
});

describe('first-party apps in production (freeform off)', () => {
  let stack: Stack;
  let hits: () => number;
  beforeAll(async () => {
    stack = await startStack(databaseUrl, { routerEnv: { APP_FREEFORM_OPERATIONS: 'false' } });
    hits = countSubgraphRequests(stack);
  });
  afterAll(() => stack.stop());

  it('run listed operations by hash and by documentId', async () => {
    const viaHash = await post(stack, byId('ProductPage', { id: productId }));
    expect(viaHash.body.errors).toBeUndefined();
    expect((viaHash.body.data as { product: { id: string } }).product.id).toBe(productId);
    const viaDocumentId = await post(stack, {
      documentId: idOf('ProductPage'),
      variables: { id: productId },
    });
    expect(viaDocumentId.body.data).toEqual(viaHash.body.data);
  });

  it('run listed operations by GET', async () => {
    const extensions = encodeURIComponent(
      JSON.stringify({ persistedQuery: { version: 1, sha256Hash: idOf('ProductPage') } }),
    );
    const variables = encodeURIComponent(JSON.stringify({ id: productId }));
    const response = await fetch(
      `${stack.routerUrl}?extensions=${extensions}&variables=${variables}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors).toBeUndefined();
  });

  it('are refused freeform operations, by POST and by GET, before any subgraph is called', async () => {
    const before = hits();
    const posted = await post(stack, { query: `{ products(first: 1) { nodes { id } } }` });
    expect(posted.status).toBe(403);
    expect(errorCodes(posted.body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    const response = await fetch(
      `${stack.routerUrl}?query=${encodeURIComponent('{ __typename }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(response.status).toBe(403);
    expect(hits()).toBe(before);
  });

  it('cannot register a new operation through APQ', async () => {
    const query = `{ categories { id } }`;
    const { status, body } = await post(stack, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } },
    });
    expect(status).toBe(403);
    expect(errorCodes(body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  it('may send the exact text of a listed operation', async () => {
    const body = registry.byId.get(idOf('ProductPage'))!.body;
    const { body: answer } = await post(stack, { query: body, variables: { id: productId } });
    expect(answer.errors).toBeUndefined();
  });
});

describe('first-party apps in development (freeform on)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(databaseUrl);
  });
  afterAll(() => stack.stop());

  it('may send freeform operations (the explorer, new features)', async () => {
    const { status, body } = await post(stack, {
      query: `{ products(first: 1) { nodes { id } } }`,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDatabaseUrl } from '../../support/database';
import { createDb, type Db } from '../../../lib/db';
import { dbOptionsFrom, dbSettingsEnv } from '../../../lib/env';
import { signIdentity } from '../../../lib/identity';
import { randomSecret } from '../../../lib/secrets';
import {
  createPartnerVerifier,
  PartnerVerificationUnavailable,
  type PartnerVerifier,
} from '../../../router/partners';
import { insertPartner } from '../../../subgraphs/accounts/db/partners';
import { tables } from '../../../subgraphs/accounts/db/schema';
import { PARTNER_REVOKED_CHANNEL, PARTNER_VERIFY_PATH } from '../../../contracts/partners';
import { createLogger } from '../../../lib/log';
import { createMemoryState } from '../../../lib/shared-state/memory';
import {
  generatePartnerKey,
  hashPartnerKey,
  partnerKeyPrefix,
} from '../../../subgraphs/accounts/partner-keys';
import {
  createPartner,
  listPartnerSummaries,
  PartnerCommandError,
  revokePartnerBy,
} from '../../../subgraphs/accounts/partners';
import { useSubgraphs } from '../../support/subgraphs';

/**
 * DESIGN.md §4: partners authenticate with an API key stored only as a hash, checked by the
 * router through accounts' internal endpoint, and revocable without a code change.
 */
const harness = useSubgraphs(['accounts']);
let accounts: Db<typeof tables>;

beforeAll(() => {
  accounts = createDb(
    dbOptionsFrom(dbSettingsEnv({}), fileDatabaseUrl(), 'mercato-test-partners'),
    tables,
  );
});
afterAll(async () => {
  await accounts?.close();
});

function verifier(cacheTtlMs = 30_000): PartnerVerifier {
  return createPartnerVerifier({
    accountsUrl: harness.url('accounts'),
    internalSecret: harness.set.internalSecret,
    cacheTtlMs,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs to accounts' internal endpoint with the given headers and raw body. */
async function callVerify(body: string, headers: Record<string, string> = {}, method = 'POST') {
  const url = new URL(PARTNER_VERIFY_PATH, harness.url('accounts'));
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'GET' ? {} : { body }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('partner keys', () => {
  it('are verified by the router client against the running accounts subgraph', async () => {
    const { partner, key } = await createPartner(accounts.db, {
      name: 'Acme Price Compare',
      operations: null,
    });
    expect(key).toMatch(/^mk_live_[A-Za-z0-9_-]{43}$/);
    expect(await verifier().verify(key)).toEqual({
      partnerId: partner.id,
      name: 'Acme Price Compare',
      operations: null,
    });

    const listed = await createPartner(accounts.db, {
      name: 'Logistics Co',
      operations: ['ProductPage', 'CheapAudio'],
    });
    expect(await verifier().verify(listed.key)).toEqual({
      partnerId: listed.partner.id,
      name: 'Logistics Co',
      operations: ['ProductPage', 'CheapAudio'],
    });
  });

  it('are stored only as a prefix and a SHA-256 hash', async () => {
    const { partner, key } = await createPartner(accounts.db, {
      name: 'Hash Only',
      operations: null,
    });
    const [row] = await harness.sql<Record<string, unknown>[]>`
      select * from accounts.partners where id = ${partner.id}`;
    expect(row!.key_prefix).toBe(key.slice(0, 16));
    expect(row!.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    const secretPart = key.slice(16);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(key);
    // Not even a fragment of the secret beyond the shown prefix.
    for (let i = 0; i + 8 <= secretPart.length; i += 4) {
      expect(stored).not.toContain(secretPart.slice(i, i + 8));
    }
    expect(Object.keys(row!).sort()).toEqual(
      ['created_at', 'id', 'key_hash', 'key_prefix', 'name', 'operations', 'revoked_at'].sort(),
    );
  });

  it('stop working once revoked, after the cache entry expires', async () => {
    const { partner, key } = await createPartner(accounts.db, {
      name: 'Soon Gone',
      operations: null,
    });
    const client = verifier(300);
    expect(await client.verify(key)).toMatchObject({ partnerId: partner.id });

    const revoked = await revokePartnerBy(accounts.db, partnerKeyPrefix(key));
    expect(revoked.id).toBe(partner.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    // Within the TTL the cached answer stands (that bounds the accounts calls per key)...
    expect(await client.verify(key)).toMatchObject({ partnerId: partner.id });
    await sleep(350);
    // ...and after it the revocation holds.
    expect(await client.verify(key)).toBeNull();
    expect(await verifier().verify(key)).toBeNull();
    await expect(revokePartnerBy(accounts.db, String(partner.id))).rejects.toThrow(
      PartnerCommandError,
    );
  });

  it('may be revoked by id or by the prefix without mk_live_', async () => {
    const byId = await createPartner(accounts.db, { name: 'By Id', operations: null });
    expect((await revokePartnerBy(accounts.db, String(byId.partner.id))).id).toBe(byId.partner.id);
    const byShortPrefix = await createPartner(accounts.db, { name: 'By Prefix', operations: null });
    const short = byShortPrefix.key.slice('mk_live_'.length, 16);
    expect((await revokePartnerBy(accounts.db, short)).id).toBe(byShortPrefix.partner.id);
    await expect(revokePartnerBy(accounts.db, 'nonsense!')).rejects.toThrow(PartnerCommandError);
    const list = await listPartnerSummaries(accounts.db);
    expect(list.find((p) => p.id === byId.partner.id)?.revokedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(list)).not.toContain(byId.key);
  });

  it('unknown keys verify as null, and that answer is cached too', async () => {
    const key = generatePartnerKey();
    const client = verifier(300);
    expect(await client.verify(key)).toBeNull();
    // The key becomes valid (as if created just now): the negative answer holds for the TTL.
    const row = await insertPartner(accounts.db, {
      name: 'Late Arrival',
      keyPrefix: partnerKeyPrefix(key),
      keyHash: hashPartnerKey(key),
      operations: null,
    });
    expect(await client.verify(key)).toBeNull();
    await sleep(350);
    expect(await client.verify(key)).toMatchObject({ partnerId: row.id });
  });

  it('refuses malformed keys without asking accounts', async () => {
    // An unreachable accounts: any network call would throw.
    const offline = createPartnerVerifier({
      accountsUrl: 'http://127.0.0.1:9/graphql',
      internalSecret: randomSecret(),
      timeoutMs: 500,
    });
    for (const key of [
      '',
      'mk_live_short',
      'mk_test_' + 'a'.repeat(43),
      `${generatePartnerKey()}x`,
      ' '.repeat(51),
    ]) {
      expect(await offline.verify(key)).toBeNull();
    }
    await expect(offline.verify(generatePartnerKey())).rejects.toThrow(
      PartnerVerificationUnavailable,
    );
  });
});

describe('POST /internal/partners/verify', () => {
  it('answers 401 without a valid router signature, whatever the key', async () => {
    const { key } = await createPartner(accounts.db, { name: 'Signed Only', operations: null });
    const body = JSON.stringify({ key });
    expect(await callVerify(body)).toMatchObject({ status: 401 });
    const forged = signIdentity(randomSecret(), { userId: null, roles: [], partnerId: null });
    const answer = await callVerify(body, forged);
    expect(answer.status).toBe(401);
    expect(JSON.stringify(answer.body)).not.toContain('Signed Only');
    const stale = signIdentity(
      harness.set.internalSecret,
      { userId: null, roles: [], partnerId: null },
      Date.now() - 10 * 60_000,
    );
    expect((await callVerify(body, stale)).status).toBe(401);
    expect((await callVerify(body, harness.set.signedAs())).status).toBe(200);
  });

  it('answers 404 {} for unknown keys and 400 for malformed bodies', async () => {
    const signed = harness.set.signedAs();
    expect(await callVerify(JSON.stringify({ key: generatePartnerKey() }), signed)).toEqual({
      status: 404,
      body: {},
    });
    expect(await callVerify(JSON.stringify({ key: 'mk_live_nope' }), signed)).toEqual({
      status: 404,
      body: {},
    });
    for (const bad of ['', 'not json', '[]', 'null', '{"key": 42}', '{"nokey": "x"}']) {
      expect((await callVerify(bad, signed)).status, bad).toBe(400);
    }
    const large = JSON.stringify({ key: generatePartnerKey(), pad: 'x'.repeat(2_000) });
    expect((await callVerify(large, signed)).status).toBe(413);
    expect((await callVerify('', signed, 'GET')).status).toBe(405);
  });

  it('answers 413 to a chunked body past 1 KB, on a connection that survives it', async () => {
    const url = new URL(PARTNER_VERIFY_PATH, harness.url('accounts'));
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...harness.set.signedAs() },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // No content-length: the limit must hold while reading, not only from the header.
      req.write(`{"key": "${'x'.repeat(600)}`);
      req.write(`${'y'.repeat(600)}"}`);
      req.end();
    });
    expect(status).toBe(413);
  });
});

describe('the router-side verifier', () => {
  /** A stand-in accounts endpoint that counts calls and answers as told. */
  let server: Server;
  let calls = 0;
  let answer: (key: string) => { status: number; body: unknown; delayMs?: number } = () => ({
    status: 404,
    body: {},
  });
  let url = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => {
        calls += 1;
        const reply = answer((JSON.parse(text) as { key: string }).key);
        setTimeout(() => {
          res.writeHead(reply.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(reply.body));
        }, reply.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const make = (options: { maxEntries?: number; timeoutMs?: number; cacheTtlMs?: number } = {}) =>
    createPartnerVerifier({ accountsUrl: url, internalSecret: randomSecret(), ...options });

  it('asks once for concurrent checks of one key, then serves the cache', async () => {
    calls = 0;
    answer = () => ({
      status: 200,
      body: { partnerId: 7, name: 'P', operations: null },
      delayMs: 50,
    });
    const client = make();
    const key = generatePartnerKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => client.verify(key)));
    expect(results.every((r) => r?.partnerId === 7)).toBe(true);
    await client.verify(key);
    expect(calls).toBe(1);
  });

  it('drops a revoked partner at once, and never caches an answer a revocation overtook', async () => {
    calls = 0;
    answer = () => ({
      status: 200,
      body: { partnerId: 8, name: 'P', operations: null },
      delayMs: 100,
    });
    const shared = createMemoryState();
    const client = createPartnerVerifier({
      accountsUrl: url,
      internalSecret: randomSecret(),
      revocations: { shared, logger: createLogger('test', 'silent') },
    });
    const announce = () =>
      shared.publish(PARTNER_REVOKED_CHANNEL, JSON.stringify({ partnerId: 8 }));
    const key = generatePartnerKey();
    await client.verify(key);
    await client.verify(key);
    expect(calls).toBe(1);
    await announce();
    await client.verify(key);
    expect(calls).toBe(2);
    // Revoked while accounts was being asked: that answer serves its caller, and no one after.
    const other = generatePartnerKey();
    const pending = client.verify(other);
    await announce();
    expect((await pending)?.partnerId).toBe(8);
    const before = calls;
    await client.verify(other);
    expect(calls).toBe(before + 1);
    // A malformed message is ignored, not a crash.
    await shared.publish(PARTNER_REVOKED_CHANNEL, 'not json');
    await client.verify(other);
    expect(calls).toBe(before + 1);
  });

  it('bounds its cache, evicting the oldest answers first', async () => {
    calls = 0;
    answer = () => ({ status: 404, body: {} });
    const client = make({ maxEntries: 2 });
    const [a, b, c] = [generatePartnerKey(), generatePartnerKey(), generatePartnerKey()];
    for (const key of [a, b, c]) await client.verify(key);
    expect(calls).toBe(3);
    await client.verify(c);
    await client.verify(b);
    expect(calls).toBe(3);
    await client.verify(a); // evicted by c
    expect(calls).toBe(4);
  });

  it('throws, and caches nothing, when accounts fails or is too slow', async () => {
    const key = generatePartnerKey();
    calls = 0;
    answer = () => ({ status: 500, body: { error: 'boom' } });
    const client = make({ timeoutMs: 200 });
    await expect(client.verify(key)).rejects.toThrow(PartnerVerificationUnavailable);
    answer = () => ({ status: 200, body: { partnerId: 'x' } });
    await expect(client.verify(key)).rejects.toThrow(PartnerVerificationUnavailable);
    answer = () => ({ status: 404, body: {}, delayMs: 1_000 });
    await expect(client.verify(key)).rejects.toThrow(PartnerVerificationUnavailable);
    answer = () => ({ status: 200, body: { partnerId: 9, name: 'Back', operations: ['A'] } });
    expect(await client.verify(key)).toEqual({ partnerId: 9, name: 'Back', operations: ['A'] });
    expect(calls).toBe(4);
  });
});

/**
 * Accounts' internal HTTP API, for other Mercato services (never part of the public API):
 *
 *   POST /internal/partners/verify   {"key": "mk_live_…"}
 *     200 {"partnerId", "name", "operations"}   the key belongs to an active partner
 *     404 {}                                     unknown or revoked key
 *     400 malformed body · 401 not signed by the router · 405 other methods · 413 body > 1 KB
 *
 * The router calls it for requests carrying an `x-api-key` header (router/partners.ts).
 */
import type { ServerResponse } from 'node:http';
import { verifyIdentity } from '../../lib/identity';
import { BodyTooLargeError, readBody } from '../../lib/http';
import type { RouteHandler } from '../../lib/subgraph';
import { activePartnerByKeyHash } from './db/partners';
import type { AccountsDb } from './db/users';
import { hashPartnerKey, isPartnerKey, PARTNER_VERIFY_PATH } from '../../lib/partner-keys';

/** A key is 51 characters; 1 KB leaves room for JSON and nothing else. */
const MAX_BODY_BYTES = 1024;

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The `key` of a `{"key": "..."}` body, or null when the body is anything else. */
function keyFrom(body: Buffer): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('key' in parsed)) return null;
  return typeof parsed.key === 'string' ? parsed.key : null;
}

/** The internal routes accounts serves beside /graphql (SubgraphDefinition.internalRoutes). */
export function accountsInternalRoutes(deps: {
  db: AccountsDb;
  internalSecret: string;
}): RouteHandler {
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== PARTNER_VERIFY_PATH) return false;
    // Signature first: nothing about keys is answered, or even read, for an unsigned caller.
    if (!verifyIdentity(deps.internalSecret, req.headers)) {
      send(res, 401, { error: 'internal routes answer only requests signed by the router' });
      return true;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, { error: 'use POST' });
      return true;
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      send(res, 413, { error: `body exceeds ${MAX_BODY_BYTES} bytes` });
      return true;
    }
    const key = keyFrom(body);
    if (key === null) {
      send(res, 400, { error: 'body must be {"key": "<api key>"}' });
      return true;
    }
    const partner = isPartnerKey(key)
      ? await activePartnerByKeyHash(deps.db, hashPartnerKey(key))
      : null;
    if (!partner) {
      send(res, 404, {});
      return true;
    }
    send(res, 200, { partnerId: partner.id, name: partner.name, operations: partner.operations });
    return true;
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who is asking, as the router established it: a signed-in user (with roles), a partner (by API
 * key), or nobody. Subgraphs trust it only when the router's signature over it checks out.
 */
export interface Viewer {
  userId: number | null;
  roles: string[];
  partnerId: number | null;
}

export const anonymous: Viewer = { userId: null, roles: [], partnerId: null };

export const IDENTITY_HEADER = 'x-mercato-identity';
export const SIGNATURE_HEADER = 'x-mercato-signature';

/** How old a signed identity may be: long enough for one request's fetches, short for replays. */
const MAX_AGE_MS = 60_000;

function mac(secret: string, value: string): Buffer {
  return createHmac('sha256', secret).update(value).digest();
}

/** The two headers that carry `viewer` from the router to a subgraph. */
export function signIdentity(
  secret: string,
  viewer: Viewer,
  now = Date.now(),
): Record<string, string> {
  const value = Buffer.from(
    JSON.stringify({ u: viewer.userId, r: viewer.roles, p: viewer.partnerId, t: now }),
  ).toString('base64url');
  return { [IDENTITY_HEADER]: value, [SIGNATURE_HEADER]: mac(secret, value).toString('base64url') };
}

type HeaderSource = Record<string, string | string[] | undefined>;

/** The viewer the headers carry, or null when they are missing, forged, malformed or stale. */
export function verifyIdentity(
  secret: string,
  headers: HeaderSource,
  now = Date.now(),
): Viewer | null {
  const value = headers[IDENTITY_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (typeof value !== 'string' || typeof signature !== 'string') return null;
  const expected = mac(secret, value);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!claims || typeof claims !== 'object') return null;
  const { u, r, p, t } = claims as Record<string, unknown>;
  const id = (x: unknown) =>
    x === null || (typeof x === 'number' && Number.isSafeInteger(x) && x > 0);
  if (!id(u) || !id(p) || !Array.isArray(r) || !r.every((x) => typeof x === 'string')) return null;
  if (typeof t !== 'number' || Math.abs(now - t) > MAX_AGE_MS) return null;
  return { userId: u as number | null, roles: r as string[], partnerId: p as number | null };
}

import { afterEach, expect, it, vi } from 'vitest';
import { verifyIdentity } from '../lib/identity';
import { randomSecret } from '../lib/secrets';
import { IdentitySigner } from '../router/data-source';

/**
 * The router signs each caller once a second (router/data-source.ts): that caller's requests of
 * the second share the headers, no other caller ever gets them, and none is sent stale.
 */
const secret = randomSecret();
const alice = { viewer: { userId: 7, roles: ['CUSTOMER'], partnerId: null }, partner: null };
const bob = { viewer: { userId: 8, roles: ['CUSTOMER'], partnerId: null }, partner: null };

afterEach(() => {
  vi.useRealTimers();
});

it('signs a caller once a second, for each of their requests and fetches, and nobody else', () => {
  vi.useFakeTimers();
  const signer = new IdentitySigner(secret);
  const first = signer.of(alice);
  expect(verifyIdentity(secret, first.headers)).toEqual(alice.viewer);
  // Another request of the same user, within the second: the same signature.
  expect(signer.of({ ...alice })).toBe(first);
  // Another user, the same user with other roles, and nobody: each their own.
  const others = [
    bob,
    { ...alice, viewer: { ...alice.viewer, roles: ['CUSTOMER', 'ADMIN'] } },
    { viewer: { userId: null, roles: [], partnerId: 3 }, partner: null },
    {},
  ];
  for (const other of others) {
    const signed = signer.of(other);
    expect(signed.key).not.toBe(first.key);
    expect(signed.headers).not.toEqual(first.headers);
  }
  expect(verifyIdentity(secret, signer.of(bob).headers)).toEqual(bob.viewer);
  expect(verifyIdentity(secret, signer.of({}).headers)).toEqual({
    userId: null,
    roles: [],
    partnerId: null,
  });
  // A second on: signed afresh, for the same merge identity.
  vi.advanceTimersByTime(1_000);
  const next = signer.of(alice);
  expect(next).not.toBe(first);
  expect(next.key).toBe(first.key);
  expect(verifyIdentity(secret, next.headers)).toEqual(alice.viewer);
});

it('never hands a long request’s later fetch a signature older than a second', () => {
  vi.useFakeTimers();
  const signer = new IdentitySigner(secret);
  const request = { ...alice };
  const first = signer.of(request);
  vi.advanceTimersByTime(31_000);
  const later = signer.of(request);
  expect(later).not.toBe(first);
  const claims = JSON.parse(
    Buffer.from(later.headers['x-mercato-identity']!, 'base64url').toString(),
  ) as { t: number };
  expect(Date.now() - claims.t).toBeLessThan(1_000);
  expect(verifyIdentity(secret, later.headers)).toEqual(alice.viewer);
});

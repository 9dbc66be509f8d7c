import { afterEach, expect, it, vi } from 'vitest';
import { verifyIdentity } from '../lib/identity';
import { randomSecret } from '../lib/secrets';
import { IdentitySigner } from '../router/data-source';

/** The router signs each request's caller once (router/data-source.ts), fresh past 30 s. */
const secret = randomSecret();
const alice = { viewer: { userId: 7, roles: ['CUSTOMER'], partnerId: null }, partner: null };

afterEach(() => {
  vi.useRealTimers();
});

it('signs a request once, for each of its fetches, and each request apart', () => {
  const signer = new IdentitySigner(secret);
  const first = signer.of(alice);
  expect(signer.of(alice)).toBe(first);
  expect(verifyIdentity(secret, first.headers)).toEqual(alice.viewer);
  // Another request of the same user: its own signature, the same merge identity.
  const again = { ...alice };
  expect(signer.of(again)).not.toBe(first);
  expect(signer.of(again).key).toBe(first.key);
  // Nobody is someone else.
  expect(signer.of({}).key).not.toBe(first.key);
  expect(verifyIdentity(secret, signer.of({}).headers)).toEqual({
    userId: null,
    roles: [],
    partnerId: null,
  });
});

it('re-signs a long request before its signature could go stale at a subgraph', () => {
  vi.useFakeTimers();
  const signer = new IdentitySigner(secret);
  const first = signer.of(alice);
  vi.advanceTimersByTime(31_000);
  const later = signer.of(alice);
  expect(later).not.toBe(first);
  expect(verifyIdentity(secret, later.headers)).toEqual(alice.viewer);
});

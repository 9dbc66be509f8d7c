/**
 * The router's side of partner API keys: asks the accounts subgraph's internal endpoint
 * (contracts/partners.ts, served by subgraphs/accounts/internal.ts) who a key belongs to, and
 * caches the answer briefly so a partner's traffic does not cost a lookup per request.
 *
 * A revocation is broadcast on the shared state (PARTNER_REVOKED_CHANNEL): every replica drops
 * the partner's cached answers when it arrives, so the key is refused everywhere at once. While
 * the broadcast cannot reach this replica (Redis down), answers are kept only `fallbackTtlMs`,
 * and when it can again everything cached is dropped, since revocations may have been missed.
 */
import {
  isPartnerKey,
  PARTNER_REVOKED_CHANNEL,
  PARTNER_VERIFY_PATH,
  partnerRevokedMessage,
  partnerVerifyReply,
  type PartnerVerifyReply,
} from '../contracts/partners';
import { sha256Hex } from '../lib/hash';
import { anonymous, signIdentity } from '../lib/identity';
import type { Logger } from '../lib/log';
import type { SharedState } from '../lib/shared-state';

/** Who an API key belongs to: accounts' answer as the contract checks it. */
export type PartnerIdentity = PartnerVerifyReply;

export interface PartnerVerifier {
  /**
   * The partner owning `key`, or null for a malformed, unknown or revoked key. Throws
   * PartnerVerificationUnavailable when accounts cannot answer (the router answers 503): an
   * outage must not look like a wrong key, nor let a request through.
   */
  verify(key: string): Promise<PartnerIdentity | null>;
}

export interface PartnerVerifierOptions {
  /** The accounts subgraph's GraphQL URL (e.g. http://accounts:4001/graphql); its origin is used. */
  accountsUrl: string;
  internalSecret: string;
  /**
   * How long an answer — found or not — is reused. It bounds how long a revoked key keeps
   * working (and how long a just-created key stays unknown to one that tried it first).
   */
  cacheTtlMs?: number;
  /** Deadline of one call to accounts. */
  timeoutMs?: number;
  /** Most answers kept; beyond it the oldest go first. */
  maxEntries?: number;
  /** Where revocations are broadcast; absent: answers live `cacheTtlMs`, revoked or not. */
  revocations?: { shared: SharedState; logger: Logger };
  /** How long an answer is reused while revocations cannot reach this replica. */
  fallbackTtlMs?: number;
}

/** Accounts could not be asked, or answered something other than found / not found. */
export class PartnerVerificationUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PartnerVerificationUnavailable';
  }
}

interface CacheEntry {
  value: PartnerIdentity | null;
  storedAt: number;
}

export function createPartnerVerifier(options: PartnerVerifierOptions): PartnerVerifier {
  const endpoint = new URL(PARTNER_VERIFY_PATH, new URL(options.accountsUrl).origin).toString();
  const ttl = options.cacheTtlMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const fallbackTtl = options.fallbackTtlMs ?? 1_000;
  // Keyed by the key's SHA-256, so the router's memory never holds partners' keys in clear.
  const cache = new Map<string, CacheEntry>();
  // Concurrent requests with the same key share one call to accounts.
  const inFlight = new Map<string, Promise<PartnerIdentity | null>>();
  // Bumped by every revocation: an answer asked for before one is not cached after it.
  let generation = 0;
  const forget = (partnerId: number | null) => {
    generation += 1;
    inFlight.clear();
    for (const [id, entry] of cache)
      if (partnerId === null || entry.value?.partnerId === partnerId) cache.delete(id);
  };
  const revocations = options.revocations;
  const subscription = revocations?.shared.subscribe(PARTNER_REVOKED_CHANNEL, {
    message(text) {
      let parsed;
      try {
        parsed = partnerRevokedMessage.safeParse(JSON.parse(text));
      } catch {
        parsed = null;
      }
      if (parsed?.success) forget(parsed.data.partnerId);
      else revocations?.logger.warn({ text }, 'ignored a malformed partner revocation message');
    },
    resync: () => forget(null),
  });
  const currentTtl = () => (!subscription || subscription.live() ? ttl : fallbackTtl);

  function remember(id: string, value: PartnerIdentity | null): void {
    cache.delete(id);
    while (cache.size >= maxEntries) {
      const oldest = cache.keys().next();
      if (oldest.done) break;
      cache.delete(oldest.value);
    }
    cache.set(id, { value, storedAt: Date.now() });
  }

  async function ask(key: string): Promise<PartnerIdentity | null> {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signIdentity(options.internalSecret, anonymous),
        },
        body: JSON.stringify({ key }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new PartnerVerificationUnavailable('accounts did not answer the partner key check', {
        cause: error,
      });
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new PartnerVerificationUnavailable(
        `accounts answered the partner key check with HTTP ${response.status}`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new PartnerVerificationUnavailable(
        'accounts answered the partner key check with invalid JSON',
        {
          cause: error,
        },
      );
    }
    const identity = partnerVerifyReply.safeParse(body);
    if (!identity.success) {
      throw new PartnerVerificationUnavailable(
        'accounts answered the partner key check with an unexpected body',
        { cause: identity.error },
      );
    }
    return identity.data;
  }

  return {
    async verify(key) {
      if (!isPartnerKey(key)) return null;
      const id = sha256Hex(key);
      const cached = cache.get(id);
      if (cached && Date.now() - cached.storedAt < currentTtl()) return cached.value;
      if (cached) cache.delete(id);
      const pending = inFlight.get(id);
      if (pending) return await pending;
      const asked = generation;
      const call = ask(key).then((value) => {
        // Failures are not cached: the next request asks again. Nor is an answer that a
        // revocation may have overtaken.
        if (generation === asked) remember(id, value);
        return value;
      });
      inFlight.set(id, call);
      try {
        return await call;
      } finally {
        // A revocation may have cleared it meanwhile, and a newer call taken its place.
        if (inFlight.get(id) === call) inFlight.delete(id);
      }
    },
  };
}

/**
 * Partner API keys between the router and accounts (DESIGN.md §4): the key format both check,
 * and accounts' internal route that tells the router whose a key is.
 *
 *   POST /internal/partners/verify   {"key": "mk_live_…"}
 *     200 {"partnerId", "name", "operations"}   the key belongs to an active partner
 *     404 {}                                     unknown or revoked key
 *
 * Issuing keys, and how accounts stores them, is accounts' own (subgraphs/accounts/partner-keys.ts).
 */
import { z } from 'zod';

export const PARTNER_VERIFY_PATH = '/internal/partners/verify';

/** Every key starts with it, so a leaked key is recognisable as Mercato's. */
export const PARTNER_KEY_PREFIX = 'mk_live_';

/** A well-formed key: the prefix and 32 random bytes in base64url (43 characters). */
export const PARTNER_KEY_PATTERN = /^mk_live_[A-Za-z0-9_-]{43}$/;

/** Anything that is not a well-formed key is refused without a lookup. */
export function isPartnerKey(key: string): boolean {
  return PARTNER_KEY_PATTERN.test(key);
}

export const partnerVerifyInput = z.object({ key: z.string() });

/** Accounts' 200 answer. `operations` null means the standard partner operation list. */
export const partnerVerifyReply = z.object({
  partnerId: z.number().int().positive(),
  name: z.string(),
  operations: z.array(z.string()).nullable(),
});

export type PartnerVerifyReply = z.infer<typeof partnerVerifyReply>;

/**
 * Revocation broadcast (DESIGN.md §7): whoever revokes a partner (`npm run partners -- revoke`)
 * publishes this on the shared state's channel, and every router replica drops the partner's
 * cached keys at once, rather than when their cache entries expire.
 */
export const PARTNER_REVOKED_CHANNEL = 'partners:revoked';

export const partnerRevokedMessage = z.object({ partnerId: z.number().int().positive() });

export type PartnerRevokedMessage = z.infer<typeof partnerRevokedMessage>;

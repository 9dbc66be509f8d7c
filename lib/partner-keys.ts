/**
 * Partner API keys: `mk_live_` followed by 32 random bytes in base64url (43 characters). Shared by
 * accounts, which issues and stores them, and the router, which checks them with accounts.
 */
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'mk_live_';

/** Accounts' internal endpoint that tells the router whose a key is (subgraphs/accounts/internal.ts). */
export const PARTNER_VERIFY_PATH = '/internal/partners/verify';
const KEY_BYTES = 32;
/** The key's leading characters kept in clear: the fixed `mk_live_` and 8 random characters. */
export const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 8;

/** A well-formed key; anything else is refused without a lookup. */
export const PARTNER_KEY_PATTERN = /^mk_live_[A-Za-z0-9_-]{43}$/;

export function isPartnerKey(key: string): boolean {
  return PARTNER_KEY_PATTERN.test(key);
}

/** A new random key. Shown to the operator once; only its prefix and hash are stored. */
export function generatePartnerKey(): string {
  return KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/** SHA-256 of the whole key, hex: what accounts.partners.key_hash holds, and the router's cache key. */
export function hashPartnerKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What is kept of a key in clear, to recognise it in `partners list` and revoke it by. */
export function partnerKeyPrefix(key: string): string {
  return key.slice(0, SHOWN_PREFIX_LENGTH);
}

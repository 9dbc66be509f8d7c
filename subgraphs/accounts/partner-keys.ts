/**
 * Accounts issues partner API keys and stores them hashed (DESIGN.md §4). The key format itself
 * is shared with the router (contracts/partners.ts).
 */
import { randomBytes } from 'node:crypto';
import { PARTNER_KEY_PREFIX } from '../../contracts/partners';
import { sha256Hex } from '../../lib/hash';

const KEY_BYTES = 32;
/** The key's leading characters kept in clear: the fixed `mk_live_` and 8 random characters. */
export const SHOWN_PREFIX_LENGTH = PARTNER_KEY_PREFIX.length + 8;

/** A new random key. Shown to the operator once; only its prefix and hash are stored. */
export function generatePartnerKey(): string {
  return PARTNER_KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/** What accounts.partners.key_hash holds: the key's SHA-256, so a leaked table leaks no key. */
export function hashPartnerKey(key: string): string {
  return sha256Hex(key);
}

/** What is kept of a key in clear, to recognise it in `partners list` and revoke it by. */
export function partnerKeyPrefix(key: string): string {
  return key.slice(0, SHOWN_PREFIX_LENGTH);
}

import { createHash } from 'node:crypto';

/**
 * SHA-256 of `text` (UTF-8), as lowercase hex: a persisted operation's id, a partner key as
 * stored and cached, an order request's fingerprint.
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

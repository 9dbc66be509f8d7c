/**
 * Password hashing with scrypt (node:crypto, memory-hard) and a random salt per password.
 *
 * A stored hash describes itself — `scrypt$N$r$p$<salt base64>$<hash base64>` — so the cost can
 * be raised later without a migration: old hashes still verify with their own parameters and
 * are rehashed at the next successful logIn (see needsRehash).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost: a power of two. Memory is about 128 · N · r bytes. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/**
 * 2^15 · 8 → 32 MiB and roughly 150 ms per hash on one core of a small server: slow enough to
 * make offline guessing expensive, cheap enough that logIn stays interactive and a burst of
 * sign-ins cannot exhaust memory (libuv runs at most four at once: 128 MiB).
 */
export const CURRENT_PARAMS: Readonly<ScryptParams> = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PREFIX = 'scrypt';

/**
 * Parameters a stored hash may carry: anything outside is treated as corrupt and never
 * computed, so a damaged row cannot make one logIn allocate gigabytes.
 */
const LIMITS = { maxMemoryBytes: 256 * 1024 * 1024, maxR: 32, maxP: 16 };

/**
 * NIST SP 800-63B asks for Unicode normalisation (NFKC) before hashing, so a password typed
 * with a composed "é" on one device and a decomposed one on another still matches.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

function derive(
  password: string,
  salt: Buffer,
  params: ScryptParams,
  length = HASH_BYTES,
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default limit (32 MiB) is just below what N = 2^15, r = 8 needs; allow twice that.
    maxmem: 256 * params.N * params.r * params.p,
  };
  return new Promise((resolve, reject) => {
    scrypt(normalisePassword(password), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function format(params: ScryptParams, salt: Buffer, hash: Buffer): string {
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')]
    .map(String)
    .join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The parts of a stored hash, or null when it is not one this module wrote. */
function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = parts
    .slice(1, 4)
    .map((x) => (/^[1-9][0-9]{0,7}$/.test(x ?? '') ? Number(x) : NaN));
  const saltText = parts[4] ?? '';
  const hashText = parts[5] ?? '';
  if (N === undefined || r === undefined || p === undefined) return null;
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || 128 * N * r > LIMITS.maxMemoryBytes) return null;
  if (!(r >= 1 && r <= LIMITS.maxR && p >= 1 && p <= LIMITS.maxP)) return null;
  if (!base64.test(saltText) || !base64.test(hashText)) return null;
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  if (salt.length < SALT_BYTES || hash.length < 16 || hash.length > 64) return null;
  return { params: { N, r, p }, salt, hash };
}

/**
 * Hashes `password` with the current parameters and a fresh random salt. `salt` is only for
 * deterministic seed data; never pass one for a real account.
 */
export async function hashPassword(password: string, salt?: Buffer): Promise<string> {
  const actualSalt = salt ?? randomBytes(SALT_BYTES);
  if (actualSalt.length < SALT_BYTES) throw new RangeError(`salt must be ${SALT_BYTES}+ bytes`);
  return format(CURRENT_PARAMS, actualSalt, await derive(password, actualSalt, CURRENT_PARAMS));
}

/**
 * Stands in for a missing or unusable hash, so a logIn for an unknown email (or an account
 * without a password) costs the same scrypt run as a wrong password. No password produces it:
 * its "hash" is random bytes, not the output of scrypt.
 */
const DUMMY = parse(format(CURRENT_PARAMS, randomBytes(SALT_BYTES), randomBytes(HASH_BYTES)));

/**
 * Whether `password` matches `stored`. With `stored` null (no such account, or one without a
 * password) or unreadable, it still runs the KDF — against a dummy hash — and answers false,
 * taking about as long as a real check.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored === null ? null : parse(stored);
  const target = parsed ?? DUMMY;
  if (!target) throw new Error('the dummy password hash is malformed');
  const computed = await derive(password, target.salt, target.params, target.hash.length);
  const equal = timingSafeEqual(computed, target.hash);
  return parsed !== null && equal;
}

/** Whether a stored hash uses weaker (or other) parameters than the current ones. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return (
    N !== CURRENT_PARAMS.N ||
    r !== CURRENT_PARAMS.r ||
    p !== CURRENT_PARAMS.p ||
    parsed.hash.length !== HASH_BYTES
  );
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A fresh random secret: 32 bytes, base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A development secret kept under the data folder: generated on first use, reused afterwards,
 * so tokens survive a restart of `npm start`. Production passes real secrets in the environment.
 */
export function developmentSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, 'secrets', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  // The data folder as any other; only secrets/ is private (a recursive mkdir's mode would make
  // every folder it creates private, the embedded database's parent included).
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomSecret();
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

import { readFileSync } from 'node:fs';
import { supergraphPath } from './paths';

/**
 * The committed supergraph SDL: what the router serves, and what the build scripts (compose,
 * operations) check against. The router never composes; scripts/composition.ts does, at build time.
 */
export function committedSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8');
}

/**
 * Seeded pseudo-random numbers for the seed data. Never Math.random: the same seed must give
 * byte-identical data on every machine, so everything here is 32-bit integer arithmetic
 * (Math.imul, shifts) plus IEEE-exact division — no transcendental functions, whose last bits
 * may differ between engines.
 */

/** murmur3's 32-bit finaliser: spreads every input bit over the whole output. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units: turns a stream name into a number. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A mulberry32 generator with the small helpers the world generator needs. */
export class Rng {
  private state: number;

  constructor(state: number) {
    this.state = state >>> 0;
  }

  /** Next 32 random bits as an unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty list');
    return item;
  }

  /** Index `i` with probability weights[i] / sum(weights). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let roll = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      roll -= weights[i] ?? 0;
      if (roll < 0) return i;
    }
    return weights.length - 1;
  }
}

/**
 * A generator for one entity of one stream (say product 17's text). Deriving a fresh generator
 * per entity, instead of drawing from one long sequence, lets any entity be regenerated on its
 * own and in any order: subgraphs can stream their tables concurrently and still agree.
 */
export function rngFor(seed: number, stream: string, index: number): Rng {
  const base = mix32(seed ^ hashString(stream));
  return new Rng(mix32(base ^ mix32(Math.imul(index, 0x9e3779b1) ^ 0x2545f491)));
}

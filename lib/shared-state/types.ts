/** The shared-state interface (index.ts says what it is for and how it fails). */

/** Apollo Server's KeyValueCache<string>, so a cache can hold its APQ documents. */
export interface SharedCache {
  get(key: string): Promise<string | undefined>;
  /** `ttl` in seconds; null or absent: the cache's default. */
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** A fixed window of `points` per `durationS` seconds, per key. */
export interface Rate {
  points: number;
  durationS: number;
}

export type Decision = { allowed: true } | { allowed: false; retryAfterS: number };

export interface RateLimiter {
  readonly rate: Rate;
  /** Takes `points` (default 1) from `key`'s window; refused once the window is spent. */
  take(key: string, points?: number): Promise<Decision>;
}

export interface SubscriptionHandlers {
  message(text: string): void;
  /**
   * The subscription has become live again after a break: messages published meanwhile were
   * lost, so anything kept on their strength must be dropped.
   */
  resync(): void;
}

export interface Subscription {
  /** Whether messages published now reach this process. */
  live(): boolean;
}

export interface SharedState {
  readonly kind: 'redis' | 'memory';
  /**
   * Resolves true once the store can be used (at once in process), false if it cannot within
   * `timeoutMs`. Commands never wait for a connection (they fail open), so a process that must
   * write at once (a CLI announcing a revocation) waits here first.
   */
  ready(timeoutMs: number): Promise<boolean>;
  /** A cache whose keys live under `namespace`. */
  cache(namespace: string, options?: { maxEntries?: number }): SharedCache;
  /** A limiter whose counters live under `name`. */
  limiter(name: string, rate: Rate): RateLimiter;
  /** Sends `text` to every subscriber of `channel` (every replica); false when it could not. */
  publish(channel: string, text: string): Promise<boolean>;
  subscribe(channel: string, handlers: SubscriptionHandlers): Subscription;
  close(): Promise<void>;
}

/** Seconds a refused caller should wait: whole seconds, at least 1 (Retry-After's unit). */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

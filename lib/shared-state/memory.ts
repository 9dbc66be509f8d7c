/** Shared state in this process: for one replica, when no REDIS_URL is set. */
import { EventEmitter } from 'node:events';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import {
  retryAfterSeconds,
  type Decision,
  type Rate,
  type RateLimiter,
  type SharedCache,
  type SharedState,
} from './types';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Entries a cache keeps unless told otherwise; beyond it the oldest go first. */
const DEFAULT_MAX_ENTRIES = 10_000;

export function memoryCache(maxEntries = DEFAULT_MAX_ENTRIES): SharedCache {
  const entries = new Map<string, Entry>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt > Date.now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    async set(key, value, options) {
      entries.delete(key);
      while (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
      const ttl = options?.ttl;
      entries.set(key, {
        value,
        expiresAt: ttl ? Date.now() + ttl * 1000 : Number.POSITIVE_INFINITY,
      });
    },
    async delete(key) {
      return entries.delete(key);
    },
  };
}

/** rate-limiter-flexible's limiter (memory or Redis) as a RateLimiter. */
export function wrapLimiter(
  rate: Rate,
  limiter: { consume(key: string, points: number): Promise<unknown> },
): RateLimiter {
  return {
    rate,
    async take(key, points = 1): Promise<Decision> {
      try {
        await limiter.consume(key, points);
        return { allowed: true };
      } catch (refusal) {
        // rate-limiter-flexible rejects with a RateLimiterRes when the window is spent, and with
        // an Error only when its store failed and no insurance limiter took over.
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterS: retryAfterSeconds(refusal.msBeforeNext) };
      }
    },
  };
}

export function memoryLimiter(rate: Rate): RateLimiter {
  return wrapLimiter(
    rate,
    new RateLimiterMemory({ points: rate.points, duration: rate.durationS }),
  );
}

export function createMemoryState(): SharedState {
  const channels = new EventEmitter();
  channels.setMaxListeners(0);
  // One cache per namespace and one limiter per name, as Redis would have one key space each.
  const caches = new Map<string, SharedCache>();
  const limiters = new Map<string, RateLimiter>();
  return {
    kind: 'memory',
    ready: async () => true,
    cache(namespace, options) {
      let cache = caches.get(namespace);
      if (!cache) caches.set(namespace, (cache = memoryCache(options?.maxEntries)));
      return cache;
    },
    limiter(name, rate) {
      const key = `${name}:${rate.points}/${rate.durationS}`;
      let limiter = limiters.get(key);
      if (!limiter) limiters.set(key, (limiter = memoryLimiter(rate)));
      return limiter;
    },
    async publish(channel, text) {
      channels.emit(channel, text);
      return true;
    },
    subscribe(channel, handlers) {
      channels.on(channel, (text: string) => handlers.message(text));
      return { live: () => true };
    },
    async close() {
      channels.removeAllListeners();
    },
  };
}

/**
 * What the replicas of one deployment share (DESIGN.md §7): caches, rate-limit counters and a
 * publish/subscribe channel. In Redis when REDIS_URL is set (every replica sees the same state),
 * in this process otherwise (one replica: the laptop, the tests' stacks).
 *
 * When Redis cannot be reached nothing here throws at its caller:
 *   - a cache works as a miss (get answers undefined, set does nothing): it fails open;
 *   - a rate limiter counts in this process instead (rate-limiter-flexible's insurance limiter),
 *     so each replica enforces the limit on its own traffic until Redis is back;
 *   - a subscription reports that it is not live, so its user can shorten what it caches, and
 *     is told to resynchronise (drop what it may have missed) once it is live again;
 *   - publish answers false.
 */
import type { Logger } from '../log';
import { createMemoryState } from './memory';
import { createRedisState } from './redis';
import type { SharedState } from './types';

export * from './types';

export interface SharedStateOptions {
  /** redis://… or rediss://…; absent: in process. */
  url?: string | undefined;
  /** Put before every key and channel name, so deployments (or test runs) can share a Redis. */
  keyPrefix: string;
  logger: Logger;
}

export function createSharedState(options: SharedStateOptions): SharedState {
  return options.url
    ? createRedisState({ url: options.url, keyPrefix: options.keyPrefix, logger: options.logger })
    : createMemoryState();
}

/**
 * The machine's Redis for tests (127.0.0.1:6379, or TEST_REDIS_URL), and one key prefix per use,
 * so files, runs and checkouts sharing that Redis never see each other's keys or channels.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createLogger } from '../../lib/log';
import { createSharedState, type SharedState } from '../../lib/shared-state';
import { freePort } from './integrity';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A prefix no other test, run or checkout uses: `mercato-test:<pid>:<random>:<label>:`. */
export function testKeyPrefix(label: string): string {
  return `mercato-test:${process.pid}:${randomUUID().slice(0, 8)}:${label}:`;
}

/** A Redis URL nothing answers on: a port that was free a moment ago (Redis is "down"). */
export async function unreachableRedisUrl(): Promise<string> {
  return `redis://127.0.0.1:${await freePort()}`;
}

/** Shared state on the test Redis under `keyPrefix`, connected. */
export async function testSharedState(keyPrefix: string, url = TEST_REDIS_URL) {
  const shared = createSharedState({ url, keyPrefix, logger: createLogger('test', 'silent') });
  if (url === TEST_REDIS_URL && !(await shared.ready(5_000)))
    throw new Error(`no Redis at ${url}: start it (README, Testing)`);
  return shared;
}

/** Deletes every key under `keyPrefix` (after a file's tests). */
export async function dropKeys(keyPrefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export type { SharedState };

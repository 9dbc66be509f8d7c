/** Shared state in Redis (ioredis): what every replica of a deployment sees alike. */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Logger } from '../log';
import { wrapLimiter } from './memory';
import type { SharedState, SubscriptionHandlers } from './types';

/**
 * How long one command may take. Every request of the router waits on a rate-limit command, so
 * a Redis that hangs (rather than refusing connections) must cost little: past this the command
 * fails and the caller fails open (caches) or counts in process (limiters).
 */
const COMMAND_TIMEOUT_MS = 500;

export function createRedisState(options: {
  url: string;
  keyPrefix: string;
  logger: Logger;
}): SharedState {
  const { keyPrefix, logger } = options;
  const client = new Redis(options.url, {
    // Refuse commands at once while disconnected, rather than queueing them until Redis is
    // back: a request must not wait on an outage.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    // Reconnect soon after Redis returns: every 100 ms more, at most every second.
    retryStrategy: (times) => Math.min(times * 100, 1_000),
  });
  watch(client, 'Redis', logger);

  let subscriber: Redis | null = null;
  /** Handlers by full channel name; `subscribed`: the channels Redis confirmed on this connection. */
  const handlers = new Map<string, Set<SubscriptionHandlers>>();
  const subscribed = new Set<string>();

  async function confirm(channels: string[]): Promise<void> {
    if (!subscriber || channels.length === 0) return;
    try {
      await subscriber.subscribe(...channels);
    } catch (error) {
      // The connection broke meanwhile; its next 'ready' subscribes again.
      logger.warn({ err: error }, 'Redis subscription failed; retrying on reconnection');
      return;
    }
    for (const channel of channels) {
      subscribed.add(channel);
      for (const handler of handlers.get(channel) ?? []) handler.resync();
    }
  }

  function subscriberConnection(): Redis {
    if (subscriber) return subscriber;
    // A connection in subscriber mode can do nothing else, so it is a second one. It resubscribes
    // itself on every 'ready', to know when it is live again (ioredis's own resubscription
    // happens without telling).
    const connection = client.duplicate({
      enableOfflineQueue: true,
      autoResubscribe: false,
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
    });
    watch(connection, 'Redis subscriber', logger);
    connection.on('ready', () => void confirm([...handlers.keys()]));
    connection.on('close', () => subscribed.clear());
    connection.on('message', (channel: string, text: string) => {
      for (const handler of handlers.get(channel) ?? []) handler.message(text);
    });
    subscriber = connection;
    return connection;
  }

  return {
    kind: 'redis',
    async ready(timeoutMs) {
      if (client.status === 'ready') return true;
      return await new Promise<boolean>((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(timer);
          client.off('ready', onReady);
          resolve(value);
        };
        const onReady = () => done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        client.on('ready', onReady);
      });
    },
    cache(namespace) {
      const full = (key: string) => `${keyPrefix}${namespace}:${key}`;
      return {
        async get(key) {
          try {
            return (await client.get(full(key))) ?? undefined;
          } catch {
            return undefined; // fail open: a miss
          }
        },
        async set(key, value, setOptions) {
          try {
            const ttl = setOptions?.ttl;
            if (ttl) await client.set(full(key), value, 'EX', ttl);
            else await client.set(full(key), value);
          } catch {
            // fail open: not kept
          }
        },
        async delete(key) {
          try {
            return (await client.del(full(key))) > 0;
          } catch {
            return false;
          }
        },
      };
    },
    limiter(name, rate) {
      return wrapLimiter(
        rate,
        new RateLimiterRedis({
          storeClient: client,
          keyPrefix: `${keyPrefix}rl:${name}`,
          points: rate.points,
          duration: rate.durationS,
          rejectIfRedisNotReady: true,
          // While Redis cannot be reached, each replica counts its own traffic.
          insuranceLimiter: new RateLimiterMemory({
            points: rate.points,
            duration: rate.durationS,
          }),
        }),
      );
    },
    async publish(channel, text) {
      try {
        await client.publish(keyPrefix + channel, text);
        return true;
      } catch (error) {
        logger.warn({ err: error, channel }, 'Redis publish failed');
        return false;
      }
    },
    subscribe(channel, handler) {
      const full = keyPrefix + channel;
      const connection = subscriberConnection();
      const known = handlers.get(full);
      if (known) known.add(handler);
      else {
        handlers.set(full, new Set([handler]));
        if (connection.status === 'ready') void confirm([full]);
      }
      return { live: () => subscribed.has(full) };
    },
    async close() {
      await Promise.all([client, subscriber].map((c) => c && disconnect(c)));
    },
  };
}

/** Logs an outage once when it starts and once when it ends, not every reconnection attempt. */
function watch(connection: Redis, name: string, logger: Logger): void {
  let down = false;
  connection.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      { err: error },
      `${name} unreachable: caches miss, rate limits count per replica, revocations fall back to short cache lifetimes`,
    );
  });
  connection.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info(`${name} reachable again`);
  });
}

async function disconnect(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    try {
      await connection.quit();
      return;
    } catch {
      // fall through: cut it
    }
  }
  connection.disconnect();
}

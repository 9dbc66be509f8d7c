import { createServer, Socket, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryState } from '../lib/shared-state/memory';
import type { SharedState } from '../lib/shared-state';
import { waitFor } from './support/integrity';
import {
  dropKeys,
  TEST_REDIS_URL,
  testKeyPrefix,
  testSharedState,
  unreachableRedisUrl,
} from './support/redis';

/**
 * lib/shared-state against the machine's Redis (two instances on one prefix standing for two
 * replicas), against a Redis that is down (a closed port; then a proxy that cuts it off), and
 * in process. No mocks: every Redis here is real or really unreachable.
 */
const prefixes: string[] = [];
const opened: SharedState[] = [];
async function replicaPair(): Promise<[SharedState, SharedState]> {
  const prefix = testKeyPrefix('shared');
  prefixes.push(prefix);
  const pair: [SharedState, SharedState] = [
    await testSharedState(prefix),
    await testSharedState(prefix),
  ];
  opened.push(...pair);
  return pair;
}
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  for (const prefix of prefixes) await dropKeys(prefix);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('shared state in Redis', () => {
  it('is one cache for every replica, with expiry', async () => {
    const [a, b] = await replicaPair();
    await a.cache('apq').set('k', 'document', { ttl: 1 });
    expect(await b.cache('apq').get('k')).toBe('document');
    // Namespaces are apart.
    expect(await b.cache('other').get('k')).toBeUndefined();
    await sleep(1_100);
    expect(await b.cache('apq').get('k')).toBeUndefined();
  });

  it('counts one limit across replicas, per key', async () => {
    const [a, b] = await replicaPair();
    const rate = { points: 4, durationS: 60 };
    const [la, lb] = [a.limiter('t', rate), b.limiter('t', rate)];
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await (i % 2 ? lb : la).take('caller-1'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, false, false]);
    const refused = decisions[4]!;
    expect(refused.allowed === false && refused.retryAfterS).toBeGreaterThan(50);
    // Another caller's budget is untouched.
    expect((await lb.take('caller-2')).allowed).toBe(true);
    // Several points at once.
    expect((await la.take('caller-3', 4)).allowed).toBe(true);
    expect((await lb.take('caller-3', 1)).allowed).toBe(false);
  });

  it('delivers a message published by one replica to the others', async () => {
    const [a, b] = await replicaPair();
    const received: string[] = [];
    const subscription = b.subscribe('news', { message: (t) => received.push(t), resync() {} });
    await waitFor(async () => subscription.live(), 5_000);
    expect(await a.publish('news', 'hello')).toBe(true);
    await waitFor(async () => received.length === 1, 5_000);
    expect(received).toEqual(['hello']);
  });

  it('keeps test runs apart by prefix', async () => {
    const [a] = await replicaPair();
    const [c] = await replicaPair();
    await a.cache('apq').set('k', 'mine');
    expect(await c.cache('apq').get('k')).toBeUndefined();
  });
});

describe('shared state when Redis is down', () => {
  it('fails open (caches miss), limits in process, cannot publish, and is not live', async () => {
    const url = await unreachableRedisUrl();
    const down = await testSharedState(testKeyPrefix('down'), url);
    opened.push(down);
    expect(await down.ready(300)).toBe(false);
    const started = performance.now();
    await down.cache('apq').set('k', 'v', { ttl: 60 });
    expect(await down.cache('apq').get('k')).toBeUndefined();
    expect(await down.publish('news', 'x')).toBe(false);
    const limiter = down.limiter('t', { points: 2, durationS: 60 });
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push((await limiter.take('caller')).allowed);
    // The insurance limiter counts in this process: the limit still holds on this replica.
    expect(decisions).toEqual([true, true, false]);
    expect((await limiter.take('other')).allowed).toBe(true);
    // Nothing waited on the outage.
    expect(performance.now() - started).toBeLessThan(1_000);
    const subscription = down.subscribe('news', { message() {}, resync() {} });
    await sleep(200);
    expect(subscription.live()).toBe(false);
  });

  it('tells a subscriber to resynchronise when Redis is back after a break', async () => {
    // A TCP proxy in front of the real Redis: cutting its connections is an outage.
    const proxy = await redisProxy();
    const prefix = testKeyPrefix('break');
    prefixes.push(prefix);
    const replica = await testSharedState(prefix, proxy.url);
    opened.push(replica);
    expect(await replica.ready(5_000)).toBe(true);
    const publisher = await testSharedState(prefix);
    opened.push(publisher);
    let resyncs = 0;
    const received: string[] = [];
    const subscription = replica.subscribe('news', {
      message: (t) => received.push(t),
      resync: () => resyncs++,
    });
    await waitFor(async () => subscription.live(), 5_000);
    expect(resyncs).toBe(1);

    proxy.cut(true);
    await waitFor(async () => !subscription.live(), 5_000);
    // Published during the outage: lost for this replica, hence the resync below.
    expect(await publisher.publish('news', 'missed')).toBe(true);
    expect(await replica.cache('c').get('k')).toBeUndefined();
    proxy.cut(false);
    await waitFor(async () => subscription.live(), 10_000);
    expect(resyncs).toBe(2);
    expect(await publisher.publish('news', 'after')).toBe(true);
    await waitFor(async () => received.includes('after'), 5_000);
    expect(received).toEqual(['after']);
    await proxy.close();
  });
});

describe('shared state in process', () => {
  it('caches, limits and delivers within the process', async () => {
    const state = createMemoryState();
    await state.cache('apq').set('k', 'v', { ttl: 60 });
    expect(await state.cache('apq').get('k')).toBe('v');
    expect(await state.cache('other').get('k')).toBeUndefined();
    const rate = { points: 1, durationS: 60 };
    expect((await state.limiter('t', rate).take('a')).allowed).toBe(true);
    const limiter = state.limiter('t', rate);
    expect((await limiter.take('a')).allowed).toBe(false);
    expect((await limiter.take('b')).allowed).toBe(true);
    const received: string[] = [];
    const subscription = state.subscribe('news', { message: (t) => received.push(t), resync() {} });
    expect(subscription.live()).toBe(true);
    expect(await state.publish('news', 'hi')).toBe(true);
    expect(received).toEqual(['hi']);
    await state.close();
  });
});

/** A TCP proxy to the test Redis whose connections can be cut (and refused) at will. */
async function redisProxy() {
  const target = new URL(TEST_REDIS_URL);
  const sockets = new Set<Socket>();
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = new Socket();
    upstream.connect(Number(target.port || 6379), target.hostname);
    client.pipe(upstream).pipe(client);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut(on: boolean) {
      refusing = on;
      if (on) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

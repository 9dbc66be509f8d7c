import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningRouter } from '../../router/serve';
import { codes, send, startRouter, useAbuseStack } from './support';

/**
 * Batched requests (a JSON array of operations) multiply every per-operation limit; Apollo
 * Server refuses them by default (allowBatchedHttpRequests: false) and so does the router unless
 * ALLOW_BATCHED_REQUESTS=true.
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

const operation = { query: '{ products(first: 1) { nodes { id } } }' };

describe('batched requests', () => {
  it('refuses a JSON array of operations', async () => {
    const batch = JSON.stringify(Array.from({ length: 100 }, () => operation));
    const { status, body } = await send(abuse.stack.routerUrl, batch);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['BAD_REQUEST']);
    expect(body.errors![0]!.message).toBe('Operation batching disabled.');
    abuse.expectNothingRan();
  });

  it('refuses even an array of one', async () => {
    const { status, body } = await send(abuse.stack.routerUrl, JSON.stringify([operation]));
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['BAD_REQUEST']);
    abuse.expectNothingRan();
  });

  it('answers the same operation sent alone', async () => {
    const { status, body } = await send(abuse.stack.routerUrl, JSON.stringify(operation));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  describe('with ALLOW_BATCHED_REQUESTS=true', () => {
    let router: RunningRouter;
    beforeAll(async () => {
      router = await startRouter(abuse.stack, { ALLOW_BATCHED_REQUESTS: 'true' });
    });
    afterAll(() => router?.stop());

    it('answers each operation of a batch', async () => {
      const response = await fetch(router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([operation, operation]),
      });
      expect(response.status).toBe(200);
      const results = (await response.json()) as { data?: unknown; errors?: unknown }[];
      expect(results).toHaveLength(2);
      expect(results.every((r) => r.data && !r.errors)).toBe(true);
    });
  });
});

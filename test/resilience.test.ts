import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDatabaseUrl } from './support/database';
import { errorCodes, gql } from './support/graphql';
import { startStack, type Stack } from './support/stack';

/**
 * Stock @apollo/gateway waits forever on a hung subgraph. Ours gives every fetch a deadline, and
 * a subgraph that is down or silent costs only its own fields: partial data plus an error that
 * names it.
 */
const databaseUrl = fileDatabaseUrl();
const query = `{ products(first: 3) { nodes { id name rating { count } } } }`;

describe('a subgraph that is down', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(databaseUrl);
    await stack.subgraphs.reviews.stop();
  });
  afterAll(() => stack.stop());

  it('yields the other subgraphs’ data and an error naming it', async () => {
    const { status, body } = await gql(stack.routerUrl, query);
    expect(status).toBe(200);
    const nodes = (body.data as { products: { nodes: { name: string; rating: unknown }[] } })
      .products.nodes;
    expect(nodes).toHaveLength(3);
    expect(nodes.every((n) => typeof n.name === 'string' && n.rating === null)).toBe(true);
    expect(errorCodes(body)).toContain('SUBGRAPH_UNAVAILABLE');
    const error = body.errors!.find((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')!;
    expect(error.message).toBe('Subgraph "reviews" is unavailable');
    expect(error.extensions?.serviceName).toBe('reviews');
    // The internal address of the subgraph is not disclosed.
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});

describe('a subgraph that hangs', () => {
  let stack: Stack;
  let silent: Server;
  beforeAll(async () => {
    // Accepts connections and never answers.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    stack = await startStack(databaseUrl, {
      subgraphTimeoutMs: 500,
      urlOverrides: { reviews: `http://127.0.0.1:${port}/graphql` },
    });
  });
  afterAll(async () => {
    await stack.stop();
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('times out at the configured deadline with partial data', async () => {
    const started = Date.now();
    const { body } = await gql(stack.routerUrl, query);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(5_000);
    expect(errorCodes(body)).toContain('SUBGRAPH_TIMEOUT');
    expect(body.errors!.find((e) => e.extensions?.code === 'SUBGRAPH_TIMEOUT')!.message).toBe(
      'Subgraph "reviews" did not answer within 500 ms',
    );
    const nodes = (body.data as { products: { nodes: { name: string }[] } }).products.nodes;
    expect(nodes.map((n) => typeof n.name)).toEqual(['string', 'string', 'string']);
  });
});

describe('a subgraph at capacity', () => {
  let stack: Stack;
  let busy: Server;
  beforeAll(async () => {
    // Answers as a subgraph past its admission limit does (lib/http.ts): 503, nothing run.
    busy = createServer((_, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(
        JSON.stringify({
          errors: [
            {
              message: 'Service is at capacity; retry shortly',
              extensions: { code: 'SERVICE_UNAVAILABLE' },
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    stack = await startStack(databaseUrl, {
      urlOverrides: { reviews: `http://127.0.0.1:${port}/graphql` },
    });
  });
  afterAll(async () => {
    await stack.stop();
    await new Promise((resolve) => busy.close(resolve));
  });

  it('is a retryable SERVICE_UNAVAILABLE naming it, not an internal error', async () => {
    const { body } = await gql(stack.routerUrl, query);
    expect(errorCodes(body)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(body.errors![0]!.message).toBe('Subgraph "reviews" is at capacity; retry shortly');
    expect(body.errors![0]!.extensions?.serviceName).toBe('reviews');
    const nodes = (body.data as { products: { nodes: { name: string }[] } }).products.nodes;
    expect(nodes.map((n) => typeof n.name)).toEqual(['string', 'string', 'string']);
  });
});

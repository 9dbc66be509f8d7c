import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { errorCodes, gql } from './support/graphql';
import { startStack, type Stack } from '../lib/stack';

/**
 * Stock @apollo/gateway waits forever on a hung subgraph. Ours gives every fetch a deadline, and
 * a subgraph that is down or silent costs only its own fields: partial data plus an error that
 * names it.
 */
const databaseUrl = inject('databaseUrl');
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

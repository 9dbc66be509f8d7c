import { describe, expect, it } from 'vitest';
import { captureLogs } from './support/logs';
import { PLACE_ORDER } from '../scripts/bench/order-client';
import { orderTestProducts } from './support/orders';
import { useSupergraph } from './support/supergraph';

/**
 * Correlated logs: every line a request causes, in the router and in the subgraphs it reaches
 * (peer calls included), carries the request's id — the client's x-request-id when well formed —
 * and each server writes one access line per request.
 */
const logs = captureLogs();
const supergraph = useSupergraph({ logger: logs.logger });
const products = orderTestProducts(supergraph, 'LOGS');

const linesOf = (requestId: string) => logs.lines.filter((line) => line.requestId === requestId);

async function post(query: string, headers: Record<string, string>, variables = {}) {
  return await fetch(supergraph.stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

describe('request ids in logs', () => {
  it('follow a query from the router to every subgraph it reaches', async () => {
    const id = 'client-req.0001';
    const response = await post(
      'query Listing { products(first: 3) { nodes { name inStock rating { average } } } }',
      { 'x-request-id': id },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(id);
    const access = linesOf(id).filter((line) => line.msg === 'request');
    // The router's line, and one per subgraph fetch (catalog, inventory, reviews).
    expect(access.length).toBeGreaterThanOrEqual(4);
    expect(access).toContainEqual(
      expect.objectContaining({
        requestId: id,
        method: 'POST',
        path: '/graphql',
        status: 200,
        operation: 'Listing',
        client: 'anonymous',
        durationMs: expect.any(Number),
      }),
    );
  });

  it('follow a write into the peer calls it makes, and name the signed-in client', async () => {
    const product = await products.create(2);
    const id = 'client-req.0002';
    const response = await post(
      PLACE_ORDER,
      { 'x-request-id': id, ...(await supergraph.stack.authAs(5)) },
      { input: { idempotencyKey: 'logs-1', lines: [{ productId: String(product), quantity: 1 }] } },
    );
    expect(response.status).toBe(200);
    const paths = linesOf(id)
      .filter((line) => line.msg === 'request')
      .map((line) => line.path);
    // orders' /graphql through the router, then inventory's reserve from orders.
    expect(paths).toEqual(expect.arrayContaining(['/graphql', '/internal/stock/reserve']));
    expect(linesOf(id)).toContainEqual(
      expect.objectContaining({ operation: 'Place', client: 'app', status: 200 }),
    );
  });

  it('replace an id that is not a plain token, and answer with the one used', async () => {
    const response = await post('{ __typename }', { 'x-request-id': 'not a token' });
    const used = response.headers.get('x-request-id')!;
    expect(used).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesOf(used).length).toBeGreaterThan(0);
  });
});

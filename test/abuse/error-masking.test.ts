import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestIds } from '../../router/limits/request-id';
import type { RunningRouter } from '../../router/serve';
import { codes, post, startRouter, useAbuseStack } from './support';

/**
 * Masking: an error that reaches the client as INTERNAL_SERVER_ERROR says "Internal server
 * error" and carries `extensions.requestId` — the X-Request-Id of the response — and the router
 * logs the detail under the same requestId.
 */
const abuse = useAbuseStack();

describe('through the router', () => {
  // A "reviews" subgraph that fails the way a broken one does: an error with no code and an
  // internal detail in its message.
  let broken: Server;
  let router: RunningRouter;
  beforeAll(async () => {
    broken = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        '{"data":null,"errors":[{"message":"relation \\"reviews.secret\\" does not exist"}]}',
      );
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const port = (broken.address() as AddressInfo).port;
    router = await startRouter(abuse.stack, { REVIEWS_URL: `http://127.0.0.1:${port}/graphql` });
  });
  afterAll(async () => {
    await router?.stop();
    broken?.closeAllConnections();
    await new Promise((resolve) => broken?.close(resolve));
  });

  const query = '{ product(id: "1") { name rating { count } } }';

  it('masks the subgraph’s internal error and gives its request id', async () => {
    const { status, headers, body } = await post(router.url, query);
    expect(status).toBe(200);
    expect((body.data as { product: { name: string } }).product.name).toEqual(expect.any(String));
    const requestId = headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/reviews\.secret/);
  });

  it('keeps a tame X-Request-Id from the caller (a proxy’s) and replaces any other', async () => {
    const kept = await post(router.url, query, undefined, { 'x-request-id': 'edge-7f3a:01' });
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a:01');
    expect(kept.body.errors![0]!.extensions?.requestId).toBe('edge-7f3a:01');
    const replaced = await post(router.url, query, undefined, { 'x-request-id': 'a b<script>' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not mask a refusal, which has a code of its own', async () => {
    const { status, body } = await post(router.url, `{ ${'__typename '.repeat(21)}}`);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['MAX_ROOT_FIELDS_LIMIT']);
    expect(body.errors![0]!.extensions?.requestId).toBeUndefined();
  });
});

describe('the router’s formatError (router/limits/request-id.ts)', () => {
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  let server: ApolloServer<BaseContext>;
  beforeAll(async () => {
    const ids = requestIds<BaseContext>(logger);
    server = new ApolloServer<BaseContext>({
      typeDefs: 'type Query { ok: Int, broken: Int }',
      resolvers: {
        Query: {
          ok: () => 1,
          broken: () => {
            throw new Error('connection to 10.0.0.5:5432 refused');
          },
        },
      },
      formatError: ids.formatError,
      plugins: [
        ids.plugin,
        {
          async requestDidStart({ request }) {
            return {
              async didResolveSource() {
                if (request.query?.includes('explode')) throw new Error('a plugin bug');
              },
            };
          },
        },
      ],
    });
    await server.start();
  });
  afterAll(() => server?.stop());

  async function run(query: string) {
    logs.length = 0;
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body: { query },
      },
      context: async () => ({}),
    });
    if (response.body.kind !== 'complete') throw new Error('expected a complete body');
    return {
      status: response.status ?? 200,
      requestId: response.headers.get('x-request-id'),
      body: JSON.parse(response.body.string) as {
        errors?: { message: string; extensions: Record<string, unknown> }[];
      },
    };
  }

  it('logs a resolver’s error under the request id the client sees', async () => {
    const { body, requestId } = await run('{ ok broken }');
    expect(requestId).toBeTruthy();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      }),
    ]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      msg: 'internal error',
      requestId,
      err: { message: 'connection to 10.0.0.5:5432 refused' },
      path: ['broken'],
    });
  });

  it('masks and logs an uncoded subgraph error (DOWNSTREAM_SERVICE_ERROR)', () => {
    logs.length = 0;
    const formatted = requestIds<BaseContext>(logger).formatError(
      {
        message: 'relation "reviews.secret" does not exist',
        path: ['product', 'rating'],
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' },
      },
      new Error('relation "reviews.secret" does not exist'),
    );
    const requestId = formatted.extensions?.requestId;
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['product', 'rating'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) },
    });
    expect(logs).toEqual([
      expect.objectContaining({
        requestId,
        serviceName: 'reviews',
        err: expect.objectContaining({ message: 'relation "reviews.secret" does not exist' }),
      }),
    ]);
  });

  it('does the same for an error outside the pipeline (a plugin hook that throws)', async () => {
    const { status, body, requestId } = await run('{ explode: ok }');
    expect(status).toBe(500);
    expect(requestId).toBeTruthy();
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
      },
    ]);
    expect(logs).toEqual([
      expect.objectContaining({
        requestId,
        err: expect.objectContaining({ message: 'a plugin bug' }),
      }),
    ]);
  });
});

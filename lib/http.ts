import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { OverloadedError, type Admission } from './admission';

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the per-request context; throwing a GraphQLError with extensions.http.status sets the status. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Largest accepted request body; larger ones get 413 before any parsing. */
  maxBodyBytes?: number;
  /** Bounds concurrent operations; beyond it a request waits briefly, then gets 503. */
  admission?: Admission;
  /** Extra routes (readiness, metrics); return true when handled. `/health` is built in. */
  routes?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  path?: string;
}

export class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new BodyTooLargeError());
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJsonError(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Serves an ApolloServer over node:http. We own this adapter (rather than startStandaloneServer)
 * because the edge needs control of the raw body: its size limit, its encoding and health routes.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>,
): Server {
  const limit = options.maxBodyBytes ?? 2_000_000;
  const graphqlPath = options.path ?? '/graphql';
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Never let a request take the process down; the detail stays in the log.
      console.error('unhandled request error', error);
      if (!res.headersSent)
        sendJsonError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Liveness: answers while the process can serve HTTP at all.
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (options.routes && (await options.routes(req, res))) return;
    if (url.pathname !== graphqlPath) {
      sendJsonError(res, 404, 'Not found', 'NOT_FOUND');
      return;
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJsonError(res, 413, `Request body exceeds ${limit} bytes`, 'PAYLOAD_TOO_LARGE');
        return;
      }
      throw error;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    const contentType = headers.get('content-type') ?? '';
    if (raw.length > 0) {
      const text = raw.toString('utf8');
      if (
        contentType.includes('application/json') ||
        contentType.includes('application/graphql-response+json')
      ) {
        try {
          body = JSON.parse(text);
        } catch {
          sendJsonError(res, 400, 'Request body is not valid JSON', 'BAD_REQUEST');
          return;
        }
      } else {
        body = text;
      }
    }
    const execute = () =>
      options.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: (req.method ?? 'GET').toUpperCase(),
          headers,
          search: url.search,
          body,
        },
        context: () => options.context(req),
      });
    let result: Awaited<ReturnType<typeof execute>>;
    try {
      result = options.admission ? await options.admission.run(execute) : await execute();
    } catch (error) {
      if (!(error instanceof OverloadedError)) throw error;
      res.setHeader('retry-after', '1');
      sendJsonError(res, 503, 'Service is at capacity; retry shortly', 'SERVICE_UNAVAILABLE');
      return;
    }
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** Listens and resolves with the bound port (port 0 picks a free one, as tests do). */
export async function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

/**
 * Starts the ApolloServer, serves it and listens: what every Mercato process does. `stop`
 * closes the listener, lets Apollo finish, then runs `onStop` (e.g. closing a pool).
 */
export async function serveGraphQL<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext> & {
    port: number;
    host: string;
    onStop?: () => Promise<void>;
  },
): Promise<RunningServer> {
  await options.server.start();
  const server = createGraphQLHttpServer(options);
  const port = await listen(server, options.port, options.host);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    server,
    stop: async () => {
      await closeServer(server);
      await options.server.stop();
      await options.onStop?.();
    },
  };
}

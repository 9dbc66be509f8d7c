import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { OverloadedError, type Admission } from './admission';
import { applyCors, type CorsPolicy } from './cors';
import type { DirectRequest, DirectResponse } from './direct-queries';
import type { Logger } from './log';
import {
  REQUEST_ID_HEADER,
  requestIdFrom,
  runInRequestScope,
  type RequestScope,
} from './request-scope';
import { inOperationSpan, inServerSpan } from './tracing/spans';

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the per-request context; throwing a GraphQLError with extensions.http.status sets the status. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Largest accepted request body; larger ones get 413 before any parsing. */
  maxBodyBytes?: number;
  /**
   * Runs after the body is parsed and before Apollo: may rewrite the request (persisted
   * queries) or answer it outright. `context` is the request's context, computed once and
   * shared with Apollo.
   */
  prepare?: (request: PreparedRequest, context: () => Promise<TContext>) => Promise<Preparation>;
  /**
   * Answers a request before Apollo may (lib/direct-queries.ts), inside admission like Apollo;
   * null: Apollo answers it.
   */
  direct?: (request: DirectRequest<TContext>) => Promise<DirectResponse | null>;
  /** Bounds concurrent operations; beyond it a request waits briefly, then gets 503. */
  admission?: Admission;
  /** Where the access log goes (one line per request, liveness probes aside). */
  logger?: Logger;
  /** Which browser origins may read responses (lib/cors.ts); none when absent. */
  cors?: CorsPolicy;
  /** Extra routes (internal APIs); `/health` is built in. */
  routes?: RouteHandler;
  path?: string;
}

/** Handles a request when it is its own, returning true; false passes it on. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export class BodyTooLargeError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface PreparedRequest {
  method: string;
  search: string;
  body: unknown;
}

export type Preparation =
  | { ok: true; search: string; body: unknown }
  | { ok: false; status: number; headers: Record<string, string>; body: string };

/** Computes a value once, on first use; later calls share it (concurrent ones too). */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= make());
}

/**
 * The request body, or BodyTooLargeError as soon as it passes `limit` (declared or actual). The
 * rest is drained, not kept, so the connection stays usable for the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      reject(new BodyTooLargeError());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A GraphQL-shaped error body: what every refusal outside Apollo answers with. */
function errorBody(message: string, code: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

/** Answers `body` as JSON with `status`: every JSON reply outside Apollo goes through here. */
export function sendJson(res: ServerResponse, status: number, body: object | string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function sendJsonError(res: ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, errorBody(message, code));
}

/**
 * One line per request when its response is sent (or its connection is lost): what was asked,
 * how it ended and how long it took, plus what the server noted of it (the router: operation and
 * client class). Liveness probes are left out: they would drown the rest.
 */
function logAccess(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  scope: RequestScope,
) {
  const started = performance.now();
  const write = () => {
    const fields = {
      requestId: scope.requestId,
      method: req.method,
      path,
      status: res.writableFinished ? res.statusCode : 'aborted',
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...scope.access,
    };
    if (res.statusCode >= 500) logger.warn(fields, 'request');
    else logger.info(fields, 'request');
  };
  res.once('close', write);
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
  const server = createServer((req, res) => {
    const scope: RequestScope = {
      requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
      access: {},
    };
    res.setHeader(REQUEST_ID_HEADER, scope.requestId);
    const serve = () =>
      runInRequestScope(scope, () =>
        handle(req, res).catch((error: unknown) => {
          // Never let a request take the process down; the detail stays in the log.
          if (options.logger) options.logger.error({ err: error }, 'unhandled request error');
          else console.error('unhandled request error', error);
          if (!res.headersSent)
            sendJsonError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
          else res.end();
        }),
      );
    const path = (req.url ?? '/').split('?')[0]!;
    // Liveness probes are neither logged nor traced: they would drown the rest.
    if (path === '/health') return serve();
    if (options.logger) logAccess(options.logger, req, res, path, scope);
    const traceId = inServerSpan(req, res, path, serve);
    if (traceId !== undefined) scope.access.traceId = traceId;
  });
  // Requests Node's HTTP parser rejects (headers or URL over 16 KB, malformed request lines)
  // never reach the handler; answer them in GraphQL's JSON too instead of an empty body.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = errorBody(
      tooLarge ? 'Request headers or URL are too large' : 'Malformed HTTP request',
      'BAD_REQUEST',
    );
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  });
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Before anything else, so refusals (413, 401, …) are readable by the page that caused them.
    if (options.cors && applyCors(options.cors, req, res)) return;
    // Liveness: answers while the process can serve HTTP at all.
    if (url.pathname === '/health') {
      sendJson(res, 200, { status: 'ok' });
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
      let text: string;
      try {
        text = utf8.decode(raw);
      } catch {
        // Not silently "repaired" into U+FFFD: a body that is not UTF-8 is the client's mistake.
        sendJsonError(res, 400, 'Request body is not valid UTF-8', 'BAD_REQUEST');
        return;
      }
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
    const context = once(() => options.context(req));
    let request: PreparedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      search: url.search,
      body,
    };
    if (options.prepare) {
      let prepared: Preparation;
      try {
        prepared = await options.prepare(request, context);
      } catch (error) {
        // The context refused the caller (e.g. a bad token): answer as Apollo would have.
        if (!(error instanceof GraphQLError)) throw error;
        const http = error.extensions.http as { status?: unknown } | undefined;
        if (typeof http?.status !== 'number') throw error;
        sendJsonError(res, http.status, error.message, String(error.extensions.code));
        return;
      }
      if (!prepared.ok) {
        res.writeHead(prepared.status, {
          'content-type': 'application/json; charset=utf-8',
          ...prepared.headers,
        });
        res.end(prepared.body);
        return;
      }
      request = { ...request, search: prepared.search, body: prepared.body };
    }
    const { direct } = options;
    const execute = () =>
      inOperationSpan(
        async () =>
          (direct &&
            (await direct({ method: request.method, body: request.body, headers, context }))) ??
          options.server.executeHTTPGraphQLRequest({
            httpGraphQLRequest: {
              method: request.method,
              headers,
              search: request.search,
              body: request.body,
            },
            context,
          }),
      );
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
    if (result.body.kind === 'encoded') {
      res.end(result.body.bytes);
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

/**
 * Closes `server` at once, cutting every connection: for servers with nothing worth draining (the
 * management server at the very end, tests' stand-ins). Serving processes drain (lib/drain.ts).
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

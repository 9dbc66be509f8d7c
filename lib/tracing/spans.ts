/**
 * Mercato's own spans, each made only while tracing is on (lib/tracing/active.ts):
 *
 *   server     one per HTTP request a server handles (router or subgraph), continuing the
 *              caller's W3C `traceparent` — a client's at the router, the router's or a peer's
 *              at a subgraph;
 *   operation  the GraphQL operation inside it, named by `tracingPlugin` once it is resolved
 *              (`query ProductPage`, `query ProductPage__reviews__2`); at the router the
 *              gateway's own spans (gateway.request, .plan, .execute, .fetch) hang below it;
 *   client     a subgraph's call to a peer (lib/peers.ts).
 *
 * SQL statements are spans too (lib/tracing/statements.ts). Names and attributes are bounded
 * and never carry a value a client sent: no query text, no variables, no SQL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import { activeTracer } from './active';

// Semantic-convention attributes still marked incubating: spelled out here, as OpenTelemetry
// advises, rather than imported from the package's unstable entry point.
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
const ATTR_PEER_SERVICE = 'peer.service';

/** Where the operation span sits in the context, for the plugin to find and name it. */
const OPERATION_SPAN = createContextKey('mercato.operation-span');

/**
 * Runs `serve` (the whole handling of `req`) inside a server span that continues the caller's
 * trace, and ends the span when the response is finished or the connection lost. `route` is the
 * request's path, used in the span's name unless the answer is 404 (so a scanner's paths do not
 * become span names). Returns the trace id, or undefined when tracing is off.
 */
export function inServerSpan(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  serve: () => void,
): string | undefined {
  const tracer = activeTracer();
  if (tracer === null) {
    serve();
    return undefined;
  }
  const method = req.method ?? 'GET';
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(
    `${method} ${route}`,
    { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: method } },
    parent,
  );
  res.once('close', () => {
    const status = res.writableFinished ? res.statusCode : undefined;
    if (status === 404) span.updateName(method);
    else span.setAttribute(ATTR_HTTP_ROUTE, route);
    if (status === undefined) {
      span.setAttribute(ATTR_ERROR_TYPE, 'aborted');
      span.setStatus({ code: SpanStatusCode.ERROR });
    } else {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      // A server span is an error for the server's faults only, not for a client's 4xx.
      if (status >= 500) {
        span.setAttribute(ATTR_ERROR_TYPE, String(status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
    }
    span.end();
  });
  context.with(trace.setSpan(parent, span), serve);
  return span.spanContext().traceId;
}

/**
 * Runs `execute` (Apollo's execution of one HTTP request) inside an operation span, which
 * `tracingPlugin` names once the operation is known; resolvers, SQL and subgraph fetches are its
 * children.
 */
export async function inOperationSpan<T>(execute: () => Promise<T>): Promise<T> {
  const tracer = activeTracer();
  if (tracer === null) return await execute();
  const span = tracer.startSpan('graphql');
  const active = trace.setSpan(context.active(), span).setValue(OPERATION_SPAN, span);
  try {
    return await context.with(active, execute);
  } finally {
    span.end();
  }
}

/**
 * Names the operation span after the operation (`query ProductPage`) and marks it failed when
 * the operation answered errors (by the first error's code; never a message, which may quote a
 * client's values). Without an operation span (tracing off) it does nothing.
 */
export function tracingPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      if (activeTracer() === null) return;
      const span = context.active().getValue(OPERATION_SPAN) as Span | undefined;
      if (!span) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const type = operation.operation;
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, type);
          if (operationName) span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, operationName);
        },
        async willSendResponse({ errors, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const first = errors?.[0] ?? body?.errors?.[0];
          if (!first) return;
          const code = first.extensions?.code;
          span.setAttribute(ATTR_ERROR_TYPE, typeof code === 'string' ? code : 'UNKNOWN');
          span.setStatus({ code: SpanStatusCode.ERROR });
        },
      };
    },
  };
}

/**
 * Runs `call` (an HTTP POST to `url` of the Mercato service `peer`) inside a client span, when
 * it is part of a trace: headers made inside `call` (lib/request-scope.ts forwardedHeaders)
 * then carry this span as the callee's parent. `call` resolves with the response's status.
 */
export async function inClientSpan<T extends { status: number }>(
  peer: string,
  url: string,
  call: () => Promise<T>,
): Promise<T> {
  const tracer = activeTracer();
  // Outside a request (orders' recovery pass) there is no trace to add to.
  if (tracer === null || trace.getSpan(context.active()) === undefined) return await call();
  const target = new URL(url);
  const span = tracer.startSpan(`POST ${target.pathname}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      [ATTR_HTTP_REQUEST_METHOD]: 'POST',
      [ATTR_URL_FULL]: `${target.origin}${target.pathname}`,
      [ATTR_SERVER_ADDRESS]: target.hostname,
      [ATTR_SERVER_PORT]: Number(target.port || 80),
      [ATTR_PEER_SERVICE]: `mercato-${peer}`,
    },
  });
  try {
    const result = await context.with(trace.setSpan(context.active(), span), call);
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, result.status);
    if (result.status >= 500) {
      span.setAttribute(ATTR_ERROR_TYPE, String(result.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    return result;
  } catch (error) {
    span.setAttribute(ATTR_ERROR_TYPE, error instanceof Error ? error.name : 'Error');
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * The request a piece of work belongs to, carried through every await (AsyncLocalStorage), so a
 * log line written anywhere during a request — a resolver, a data function, a peer call, the
 * router's planner — carries the request's id without being handed it.
 *
 * The id is the caller's `x-request-id` when it is a plain token (a proxy's or the router's,
 * which forwards it to every subgraph and internal call), else a fresh UUID, and it is answered
 * in the response's `x-request-id`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { injectTraceContext } from './tracing/active';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An inbound id is kept when it is this tame: it goes into logs and headers as it is. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestScope {
  requestId: string;
  /** What the request's access-log line says beyond method, path, status and duration. */
  access: Record<string, unknown>;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The id of a request that sent `header` as its x-request-id. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
}

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The request the current work belongs to, if any. */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

/** Adds fields to the current request's access-log line (the router's operation and client). */
export function noteAccess(fields: Record<string, unknown>): void {
  const scope = storage.getStore();
  if (scope) Object.assign(scope.access, fields);
}

/**
 * Headers that carry the current request to another Mercato service (the router's subgraph
 * fetches, a subgraph's calls to its peers): its id and, while tracing is on, its trace context
 * (W3C `traceparent`), so the callee's spans join the caller's trace.
 */
export function forwardedHeaders(): Record<string, string> {
  const scope = storage.getStore();
  const headers: Record<string, string> = scope ? { [REQUEST_ID_HEADER]: scope.requestId } : {};
  injectTraceContext(headers);
  return headers;
}

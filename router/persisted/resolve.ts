/**
 * Persisted-query resolution and safelisting at the router's edge (DESIGN.md §4), as pure
 * functions over a request body: the caller wires them in front of Apollo Server.
 *
 * - `extensions.persistedQuery.sha256Hash` (Apollo's persisted-query link, APQ) and a top-level
 *   `documentId` (GraphQL-over-HTTP persisted documents) both name a manifest id; a listed id
 *   the client may run becomes the manifest's body.
 * - Partners run listed operations of class `partner` only (and only the names of their
 *   `allowedOperations`, when set). First-party apps run listed `app` operations, and anything
 *   at all when the policy lets them send freeform GraphQL (development).
 * - A freeform document whose text hashes to a listed id counts as that listed operation.
 * - An APQ request whose hash is not its query's own sha256 is refused (a client mistake:
 *   PERSISTED_QUERY_HASH_MISMATCH). Where freeform GraphQL is refused, an APQ registration (hash
 *   and query together) is freeform unless the hash is listed too: registering cannot widen the
 *   list.
 */
import { sha256Hex } from '../../lib/hash';
import { isRecord } from '../../lib/json';
import type { PersistedOperation, PersistedQueryRegistry } from './manifest';

export interface PersistedClient {
  /** From the router's identity: a partner API key makes `partner`; anything else `first-party`. */
  kind: 'partner' | 'first-party';
  /** A partner's own narrower list, by operation name; null or absent: all `partner` operations. */
  allowedOperations?: readonly string[] | null;
}

export interface PersistedPolicy {
  /** Whether first-party clients may send freeform GraphQL: false in production, true in development. */
  appFreeform: boolean;
}

export type RefusalCode =
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_NOT_IN_LIST'
  | 'PERSISTED_QUERY_HASH_MISMATCH'
  | 'BAD_REQUEST';

export interface Refusal {
  ok: false;
  /** HTTP status to answer with; the body is `refusalBody(refusal)`. */
  status: number;
  code: RefusalCode;
  message: string;
}

export interface Accepted {
  ok: true;
  /** The body to hand Apollo Server: rewritten to the listed document, or the original. */
  body: unknown;
  /** The listed operation the request resolved to; null when it passes through unlisted. */
  operation: PersistedOperation | null;
}

export type Resolution = Accepted | Refusal;

/** Persisted-query answers must not be cached: a client may be ahead of this router's list. */
export const refusalHeaders = { 'cache-control': 'private, no-cache, must-revalidate' } as const;

/** The GraphQL response body of a refusal. */
export function refusalBody(refusal: Refusal): { errors: [GraphQLErrorBody] } {
  return { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] };
}

interface GraphQLErrorBody {
  message: string;
  extensions: { code: RefusalCode };
}

/**
 * An unknown id. 200, as Apollo Server answers an unknown APQ hash, so this answer is the same
 * whichever of the two gives it; Apollo Client's persisted-query link then retries once with the
 * full document (which the list may still accept, see above). Apollo Router answers 404 here,
 * which the link handles too. The message is the one Apollo's links match on.
 */
const notFound = (): Refusal => ({
  ok: false,
  status: 200,
  code: 'PERSISTED_QUERY_NOT_FOUND',
  message: 'PersistedQueryNotFound',
});

/** A request this client may not run: freeform GraphQL, or a listed operation not in its list. */
const notInList = (message: string): Refusal => ({
  ok: false,
  status: 403,
  code: 'PERSISTED_QUERY_NOT_IN_LIST',
  message,
});

/**
 * An APQ request whose document is not the one its hash names: the client's mistake (a stale or
 * buggy cache), answered 400 with Apollo Router's code and Apollo Server's message.
 */
const hashMismatch = (): Refusal => ({
  ok: false,
  status: 400,
  code: 'PERSISTED_QUERY_HASH_MISMATCH',
  message: 'provided sha does not match query',
});

const badRequest = (message: string): Refusal => ({
  ok: false,
  status: 400,
  code: 'BAD_REQUEST',
  message,
});

/** May this client run `operation` by its id without freeform rights? */
function inClientList(operation: PersistedOperation, client: PersistedClient): boolean {
  if (client.kind === 'first-party') return operation.class === 'app';
  if (operation.class !== 'partner') return false;
  return client.allowedOperations == null || client.allowedOperations.includes(operation.name);
}

/** The body Apollo Server executes for a listed operation: its document, no persisted-query parts. */
function rewrite(body: Record<string, unknown>, operation: PersistedOperation): Accepted {
  const { documentId: _documentId, extensions, ...rest } = body;
  const rewritten: Record<string, unknown> = { ...rest, query: operation.body };
  if (isRecord(extensions)) {
    const { persistedQuery: _persistedQuery, ...others } = extensions;
    if (Object.keys(others).length > 0) rewritten.extensions = others;
  }
  return { ok: true, body: rewritten, operation };
}

/** The id a request names, or a refusal when it names one badly. */
function requestedId(body: Record<string, unknown>): { id: string | null; apq: boolean } | Refusal {
  let hash: string | null = null;
  const extensions = body.extensions;
  if (isRecord(extensions) && extensions.persistedQuery !== undefined) {
    const pq = extensions.persistedQuery;
    if (!isRecord(pq) || typeof pq.sha256Hash !== 'string')
      return badRequest('extensions.persistedQuery.sha256Hash must be a string');
    if (pq.version !== undefined && pq.version !== 1)
      return badRequest('Unsupported persisted query version');
    hash = pq.sha256Hash;
  }
  const documentId = body.documentId;
  if (documentId !== undefined && documentId !== null && typeof documentId !== 'string')
    return badRequest('documentId must be a string');
  if (hash !== null && typeof documentId === 'string' && documentId !== hash)
    return badRequest('documentId and extensions.persistedQuery name different operations');
  return { id: hash ?? (typeof documentId === 'string' ? documentId : null), apq: hash !== null };
}

/**
 * Decides what Apollo Server should execute for one request body (a parsed JSON POST body, or
 * `searchToBody` of a GET). Non-object bodies (a batch, text) are not persisted-query requests:
 * they pass through untouched, and batches are refused by the limits elsewhere.
 */
export function resolveOperation(
  body: unknown,
  client: PersistedClient,
  policy: PersistedPolicy,
  registry: PersistedQueryRegistry,
): Resolution {
  if (!isRecord(body)) return { ok: true, body, operation: null };
  const freeformAllowed = client.kind === 'first-party' && policy.appFreeform;
  const named = requestedId(body);
  if ('ok' in named) return named;
  const { id, apq } = named;
  const query = body.query ?? null;
  if (apq && typeof query === 'string' && sha256Hex(query) !== id) return hashMismatch();

  if (id === null) {
    // No document at all: nothing runs, and Apollo Server explains what is missing.
    if (query === null || freeformAllowed) return { ok: true, body, operation: null };
    return freeform(body, query, client, registry);
  }

  const listed = registry.byId.get(id);
  if (query === null) {
    if (listed && (freeformAllowed || inClientList(listed, client))) return rewrite(body, listed);
    if (listed) return notInList(`Operation ${listed.name} is not in this client's list`);
    // With freeform GraphQL allowed an unknown hash is Apollo Server's APQ to look up (it may
    // have been registered); a documentId is ours alone.
    if (freeformAllowed && apq) return { ok: true, body, operation: null };
    return notFound();
  }

  // Hash and document together: an APQ registration, or a client retrying after NOT_FOUND.
  if (freeformAllowed) return { ok: true, body, operation: null };
  if (
    listed &&
    typeof query === 'string' &&
    sha256Hex(query) === id &&
    inClientList(listed, client)
  )
    return rewrite(body, listed);
  return freeform(body, query, client, registry);
}

/** A document sent as text by a client that may not send freeform GraphQL. */
function freeform(
  body: Record<string, unknown>,
  query: unknown,
  client: PersistedClient,
  registry: PersistedQueryRegistry,
): Resolution {
  const listed = typeof query === 'string' ? registry.byId.get(sha256Hex(query)) : undefined;
  if (listed && inClientList(listed, client)) return rewrite(body, listed);
  return notInList(
    client.kind === 'partner'
      ? 'Partners may only run operations of their persisted-query list, by id'
      : 'Only operations of the persisted-query list may run here',
  );
}

/**
 * A GET request's parameters as the body Apollo Server would read from them (`variables` and
 * `extensions` are JSON there), so GET cannot be a way around the list. Null when `extensions`
 * is not JSON (Apollo Server answers 400 for that itself).
 */
export function searchToBody(search: string): Record<string, unknown> | null {
  const params = new URLSearchParams(search);
  const body: Record<string, unknown> = {};
  for (const key of ['query', 'operationName', 'variables', 'documentId']) {
    const value = params.get(key);
    if (value !== null) body[key] = value;
  }
  const extensions = params.get('extensions');
  if (extensions !== null) {
    try {
      body.extensions = JSON.parse(extensions);
    } catch {
      return null;
    }
  }
  return body;
}

/** The search string of a GET whose body `resolveOperation` rewrote. */
export function bodyToSearch(body: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return `?${params.toString()}`;
}

/**
 * `resolveOperation` for an HTTP request as lib/http.ts holds it: POST bodies as parsed, GET
 * parameters from the search string. An accepted GET comes back with its rewritten `search`.
 */
export function resolveHttpRequest(
  request: { method: string; search: string; body: unknown },
  client: PersistedClient,
  policy: PersistedPolicy,
  registry: PersistedQueryRegistry,
): (Accepted & { search: string }) | Refusal {
  if (request.method !== 'GET') {
    const resolved = resolveOperation(request.body, client, policy, registry);
    return resolved.ok ? { ...resolved, search: request.search } : resolved;
  }
  const fromSearch = searchToBody(request.search);
  if (fromSearch === null) return badRequest('The `extensions` parameter must be JSON');
  const resolved = resolveOperation(fromSearch, client, policy, registry);
  if (!resolved.ok) return resolved;
  // Unlisted and accepted: the request goes on exactly as it came.
  if (resolved.operation === null || !isRecord(resolved.body))
    return { ...resolved, body: request.body, search: request.search };
  return { ...resolved, body: request.body, search: bodyToSearch(resolved.body) };
}

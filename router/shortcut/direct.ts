/**
 * The single-fetch shortcut before Apollo Server: a query the shortcut (./executor.ts) has
 * answered once, sent again with the same text and operation name, is answered without Apollo's
 * request pipeline and the gateway's executor — which cost a one-subgraph query most of the
 * router's CPU beyond node:http and undici (a SHA-256 of the text per request for each of the
 * two document caches, plugin hooks awaited one by one, request and response objects, result
 * formatting).
 *
 * What keeps the answer Apollo's:
 * - only a document Apollo parsed, validated (every document-shape limit included), resolved to
 *   this operation and answered through the shortcut is known here; anything else — a new
 *   document, GET, extensions (APQ), an `accept` header Apollo must negotiate, tracing on, a
 *   query plan asked for by header — takes Apollo's path (lib/direct-queries.ts's plainQuery);
 * - what Apollo's path checks per request is checked here the same way, before any fetch: the
 *   caller's context (a refusal takes Apollo's path, which answers it), the variables' depth and
 *   the estimated cost (router/limits), and the variables against the API schema (as the gateway
 *   does); whatever fails takes Apollo's path, which refuses it with its own error;
 * - the fetch is the shortcut's own (fetchShortcut): the caller's signed identity, the in-flight
 *   merge keyed by caller, the fetch metrics; an answer with errors, or a failed fetch, is handed
 *   to Apollo's path, whose data source replays it rather than fetching again;
 * - the answer is written as Apollo writes it — `{"data":…}`, 200, the negotiated content type,
 *   and the cache-control header Apollo's cache-control plugin derives from the subgraph's — and
 *   counted and logged as Apollo's path counts and logs it (the operation metrics, the shortcut
 *   counter, the operation's name in the access log).
 *
 * Nothing is kept of a request or its answer: the known documents hold parsed documents and
 * plans only, never data or a caller.
 */
import {
  dataResponse,
  encodedDataResponse,
  KnownDocuments,
  plainQuery,
  type DirectRequest,
  type DirectResponse,
} from '../../lib/direct-queries';
import { ANONYMOUS } from '../../lib/metrics/bounded';
import { currentRequest, noteAccess } from '../../lib/request-scope';
import type { RouterContext } from '../context';
import { cacheHint } from '../data-source';
import { estimateCost, type LimitsConfig } from '../limits';
import { checkVariables } from '../limits/variables';
import type { RouterMetrics } from '../metrics';
import { acceptsVariables, fetchShortcut, type LearnedShortcut } from './executor';

/** The limits checked per request (router/limits/plugin.ts's, once an operation is resolved). */
type RequestLimits = Pick<
  LimitsConfig,
  'maxCost' | 'defaultFirst' | 'assumedListSize' | 'maxVariablesDepth'
>;

export interface DirectShortcuts {
  /** Learns a document the shortcut answered: the shortcut's `learned` option. */
  learned(query: string, operationName: string | undefined, shortcut: LearnedShortcut): void;
  /** The answer to a known query, or null: the request takes Apollo's path. */
  run(request: DirectRequest<RouterContext>): Promise<DirectResponse | null>;
}

export function directShortcuts(
  limits: RequestLimits,
  metrics: Pick<RouterMetrics, 'operationStarted' | 'singleFetchShortcut'>,
): DirectShortcuts {
  const known = new KnownDocuments<LearnedShortcut>();
  return {
    learned: (query, operationName, shortcut) => known.add(query, operationName, shortcut),
    async run(request) {
      const plain = plainQuery(request);
      const shortcut = plain && known.get(plain.query, plain.operationName);
      if (!plain || !shortcut) return null;
      if (request.headers.has('apollo-query-plan-experimental')) return null;
      const operation = metrics.operationStarted();
      const answer = await answerKnown(request, shortcut, plain.variables, limits);
      if (!answer) {
        operation.handedOn();
        return null;
      }
      metrics.singleFetchShortcut(shortcut.fetch.serviceName, true);
      noteAccess({ operation: shortcut.operationName ?? ANONYMOUS });
      operation.answered(shortcut.operationName, answer.context);
      const headers: [string, string][] = [['cache-control', cacheControl(answer.cacheControl)]];
      return 'dataOnly' in answer
        ? encodedDataResponse(plain.contentType, answer.dataOnly, headers)
        : dataResponse(plain.contentType, answer.data, headers);
    },
  };
}

/** The known query's data, or undefined where Apollo's path must answer. */
async function answerKnown(
  request: DirectRequest<RouterContext>,
  shortcut: LearnedShortcut,
  variables: Record<string, unknown> | undefined,
  limits: RequestLimits,
) {
  let context: RouterContext;
  try {
    context = await request.context();
  } catch {
    return undefined;
  }
  if (!withinLimits(shortcut, variables, limits)) return undefined;
  if (!acceptsVariables(shortcut, shortcut.schema, variables)) return undefined;
  // A failure is handed to Apollo's path, which runs with a copy of the context: keyed by the
  // HTTP request instead.
  const replayKey = currentRequest() ?? context;
  const answer = await fetchShortcut(shortcut, context, variables, { replayKey, keepBytes: true });
  return answer && { ...answer, context };
}

/** The variables' depth and the estimated cost, as router/limits/plugin.ts checks them. */
function withinLimits(
  shortcut: LearnedShortcut,
  variables: Record<string, unknown> | undefined,
  limits: RequestLimits,
): boolean {
  const { schema, document, operation } = shortcut;
  try {
    checkVariables(variables, limits.maxVariablesDepth);
    return estimateCost(schema, document, operation, variables, limits) <= limits.maxCost;
  } catch {
    // Refused (or not estimable): Apollo's path says so in its own words.
    return false;
  }
}

/**
 * The cache-control header Apollo's cache-control plugin writes for an answer whose only hint is
 * the subgraph's: `max-age=N, public|private` when it is cacheable, else `no-store`.
 */
function cacheControl(subgraphHeader: string): string {
  const hint = cacheHint(subgraphHeader);
  if (hint.maxAge <= 0) return 'no-store';
  return `max-age=${hint.maxAge}, ${(hint.scope ?? 'PUBLIC').toLowerCase()}`;
}

/**
 * The router's application metrics, on a registry of its own (one per server: the test stacks run
 * six servers in one process, and each /metrics must describe its own server). Every label is
 * bounded: operation names are the persisted manifest's, client classes three, outcome codes the
 * first few distinct.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BoundedLabel } from '../lib/metrics/bounded';
import type { RouterContext } from './context';
import { LimitCode } from './limits/errors';
import { RATE_LIMITED, type RateLimitName } from './rate-limits';
import type { Resolution } from './persisted/resolve';
import { durationBuckets } from '../lib/metrics/buckets';

/** Error codes are the code's own, but a subgraph's could be anything: the first this many. */
const outcomeCap = 50;

export type ClientClass = 'app' | 'partner' | 'anonymous';

/** A partner API key makes `partner`; a signed-in user `app`; anyone else `anonymous`. */
export function clientClass(caller: RouterContext): ClientClass {
  if (caller.partner) return 'partner';
  return caller.viewer.userId === null ? 'anonymous' : 'app';
}

export interface RouterMetrics {
  registry: Registry;
  /** Requests, their duration and outcome by operation and client class; limit refusals. */
  plugin: ApolloServerPlugin<RouterContext>;
  /** One persisted-query resolution (router/persisted/resolve.ts) of a request. */
  persisted(resolution: Resolution): void;
  /** Times one subgraph fetch; call the result with the error code when it failed. */
  subgraphFetch(subgraph: string): (errorCode?: string) => void;
  /** One refusal by a rate limit (router/rate-limits), whichever stage refused. */
  rateLimited(limit: RateLimitName): void;
  /** A subgraph query answered by an identical one of the same caller already in flight. */
  subgraphMerged(subgraph: string): void;
  /**
   * A query answered by the single-fetch shortcut (router/shortcut/executor.ts); `direct`: before
   * Apollo Server (router/shortcut/direct.ts).
   */
  singleFetchShortcut(subgraph: string, direct?: boolean): void;
  /**
   * An operation answered outside Apollo (router/shortcut/direct.ts), counted as `plugin` counts
   * Apollo's: call at its start; then `answered`, or `handedOn` when Apollo's path answers it
   * after all (and counts it).
   */
  operationStarted(): {
    answered(operationName: string | undefined, caller: RouterContext): void;
    handedOn(): void;
  };
}

export function createRouterMetrics(operationNames: Iterable<string>): RouterMetrics {
  const registry = new Registry();
  const operations = new BoundedLabel(0, new Set(operationNames));
  const outcomes = new BoundedLabel(outcomeCap);
  const fetchCodes = new BoundedLabel(outcomeCap);
  const requests = new Counter({
    name: 'mercato_router_requests_total',
    help: 'GraphQL requests by operation (manifest names), client class and outcome (ok or the first error code)',
    labelNames: ['operation', 'client', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of GraphQL requests, by operation (manifest names) and client class',
    labelNames: ['operation', 'client'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'mercato_router_requests_in_flight',
    help: 'GraphQL requests the router is working on now',
    registers: [registry],
  });
  const limitRefusals = new Counter({
    name: 'mercato_router_limit_refusals_total',
    help: 'Operations refused by a limit (router/limits), by its code',
    labelNames: ['rule'],
    registers: [registry],
  });
  const persisted = new Counter({
    name: 'mercato_router_persisted_queries_total',
    help: 'Persisted-query resolutions: hit (a listed id), miss (an unknown id), refused (not allowed or malformed), freeform',
    labelNames: ['result'],
    registers: [registry],
  });
  const fetchDuration = new Histogram({
    name: 'mercato_router_subgraph_fetch_duration_seconds',
    help: 'Duration of the router’s fetches from each subgraph',
    labelNames: ['subgraph'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const fetchErrors = new Counter({
    name: 'mercato_router_subgraph_fetch_errors_total',
    help: 'Subgraph fetches that failed, by subgraph and code (SUBGRAPH_TIMEOUT, SUBGRAPH_UNAVAILABLE, SERVICE_UNAVAILABLE, …)',
    labelNames: ['subgraph', 'code'],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'mercato_router_rate_limited_total',
    help: 'Requests refused by a rate limit (HTTP 429, RATE_LIMITED), by limit: anonymous, user, partner, auth_ip, auth_email, place_order',
    labelNames: ['limit'],
    registers: [registry],
  });
  const merged = new Counter({
    name: 'mercato_router_subgraph_fetches_merged_total',
    help: 'Subgraph queries not sent because the same caller’s identical query was in flight (router/subgraph-client.ts)',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const shortcuts = new Counter({
    name: 'mercato_router_single_fetch_shortcuts_total',
    help: 'Queries answered with one subgraph’s data as it came, without the gateway’s result shaping (router/shortcut/executor.ts)',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const directs = new Counter({
    name: 'mercato_router_direct_operations_total',
    help: 'Single-fetch shortcuts answered before Apollo Server, its document known from an earlier request (router/shortcut/direct.ts)',
    labelNames: ['subgraph'],
    registers: [registry],
  });
  const limits = new Set<string>(Object.values(LimitCode));
  /**
   * One operation in flight; the result counts it answered, `failed` by its first error (null:
   * no error, outcome `ok`).
   */
  function operationStarted() {
    const started = process.hrtime.bigint();
    inFlight.inc();
    return (
      operationName: string | undefined,
      caller: RouterContext,
      failed: { extensions?: Record<string, unknown> } | null,
    ) => {
      inFlight.dec();
      const labels = { operation: operations.value(operationName), client: clientClass(caller) };
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      const code = failed?.extensions?.code;
      const outcome = failed ? outcomes.value(typeof code === 'string' ? code : 'UNKNOWN') : 'ok';
      requests.inc({ ...labels, outcome });
      if (limits.has(outcome)) limitRefusals.inc({ rule: outcome });
    };
  }
  return {
    registry,
    plugin: {
      async requestDidStart() {
        const answered = operationStarted();
        return {
          async willSendResponse({ request, operationName, contextValue, errors, response }) {
            const body = response.body.kind === 'single' ? response.body.singleResult : null;
            const first = errors?.[0] ?? body?.errors?.[0] ?? null;
            // The document's own name once resolved; the request's before (a parse error).
            answered(operationName ?? request.operationName, contextValue, first);
          },
        };
      },
    },
    operationStarted: () => {
      const answered = operationStarted();
      return {
        answered: (operationName, caller) => answered(operationName, caller, null),
        handedOn: () => inFlight.dec(),
      };
    },
    persisted(resolution) {
      const result = resolution.ok
        ? resolution.operation
          ? 'hit'
          : 'freeform'
        : resolution.code === 'PERSISTED_QUERY_NOT_FOUND'
          ? 'miss'
          : 'refused';
      persisted.inc({ result });
    },
    rateLimited(limit) {
      // Counted here, not from the response: a per-request refusal never reaches Apollo.
      limitRefusals.inc({ rule: RATE_LIMITED });
      rateLimited.inc({ limit });
    },
    subgraphMerged(subgraph) {
      merged.inc({ subgraph });
    },
    singleFetchShortcut(subgraph, direct = false) {
      shortcuts.inc({ subgraph });
      if (direct) directs.inc({ subgraph });
    },
    subgraphFetch(subgraph) {
      const stop = fetchDuration.startTimer({ subgraph });
      return (errorCode) => {
        stop();
        if (errorCode) fetchErrors.inc({ subgraph, code: fetchCodes.value(errorCode) });
      };
    },
  };
}

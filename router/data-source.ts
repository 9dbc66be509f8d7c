import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { STATUS_CODES } from 'node:http';
import { GraphQLError } from 'graphql';
import { anonymous, signIdentity, type Viewer } from '../lib/identity';
import type { Logger } from '../lib/log';
import { currentRequest, forwardedHeaders } from '../lib/request-scope';
import type { RouterContext } from './context';
import type { RouterMetrics } from './metrics';
import {
  InFlightQueries,
  isQueryDocument,
  SubgraphClient,
  SubgraphTimeout,
  type SubgraphReply,
} from './subgraph-client';

/** A caller's signed identity (IdentitySigner). */
interface SignedCaller {
  headers: Record<string, string>;
  /** Who is asking, without the signature's time: what the in-flight merge key holds. */
  key: string;
}

/** An answer fetched once and handed on (SubgraphDataSource.replayOnce). */
interface Replay {
  query: string;
  outcome: ParsedFetch | { error: unknown };
}

/**
 * How long one signature serves a caller: a signature stays valid for a minute (lib/identity.ts),
 * so every fetch goes with one at most a second old, however long its request runs.
 */
const SIGNATURE_SHARED_MS = 1_000;

/**
 * Signs each caller once a second (an HMAC and a JSON encoding) rather than once per request or
 * per subgraph fetch: that caller's requests of that second carry the same headers. Keyed by the
 * whole identity (user, roles, partner), so no caller is ever sent with another's signature.
 */
export class IdentitySigner {
  private signed = new Map<string, SignedCaller>();
  private since = 0;

  constructor(private readonly secret: string) {}

  of(context: object): SignedCaller {
    const now = Date.now();
    // A new map each second: what it holds is fresh, and it holds one second's callers at most.
    if (now - this.since >= SIGNATURE_SHARED_MS) {
      this.signed = new Map();
      this.since = now;
    }
    const viewer: Viewer =
      'viewer' in context && context.viewer ? (context.viewer as Viewer) : anonymous;
    const key = JSON.stringify([viewer.userId, viewer.roles, viewer.partnerId]);
    let caller = this.signed.get(key);
    if (!caller) {
      caller = { headers: signIdentity(this.secret, viewer, now), key };
      this.signed.set(key, caller);
    }
    return caller;
  }
}

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  signer: IdentitySigner;
  logger: Logger;
  metrics: Pick<RouterMetrics, 'subgraphFetch' | 'subgraphMerged'>;
  /** Whether identical queries of one caller in flight at once are sent once (default true). */
  mergeInFlight?: boolean;
}

/**
 * A subgraph as the router calls it: over a pooled keep-alive client (router/subgraph-client.ts)
 * with a deadline, identical in-flight queries of one caller merged, and every failure an error
 * that names the subgraph and nothing more (not its internal address).
 */
export class SubgraphDataSource implements GraphQLDataSource<RouterContext> {
  readonly name: string;
  private readonly client: SubgraphClient;
  private readonly inFlight: InFlightQueries;
  /** Answers already fetched for a request, for the gateway to take (replayOnce). */
  private readonly replays = new WeakMap<object, Replay>();

  constructor(private readonly options: SubgraphDataSourceOptions) {
    this.name = options.name;
    this.inFlight = new InFlightQueries(() => options.metrics.subgraphMerged(options.name));
    this.client = new SubgraphClient(options.url, options.timeoutMs);
  }

  /**
   * The headers of one subgraph request: the caller's identity, signed by the router (the
   * gateway builds subgraph requests afresh, so nothing a client sent — forged x-mercato-*
   * headers included — is passed on), and those that carry the current request on
   * (forwardedHeaders: its id and trace context).
   */
  willSendRequest(caller: SignedCaller): Record<string, string> {
    return { 'content-type': 'application/json', ...caller.headers, ...forwardedHeaders() };
  }

  /**
   * Hands the gateway, on this request's next fetch of `query`, an answer (or failure) already
   * fetched for it by the single-fetch shortcut (router/shortcut), so the gateway's normal path
   * shapes it — errors included — without a second subgraph request. Counted once, when it was
   * fetched. `key` is the request's context inside the gateway, or, before Apollo, its HTTP
   * request's scope (lib/request-scope.ts): Apollo runs each operation with a copy of the context,
   * and only a request of one operation is answered before Apollo.
   */
  replayOnce(key: object, query: string, outcome: Replay['outcome']): void {
    this.replays.set(key, { query, outcome });
  }

  /** The answer replayOnce primed for this request's `query`, taken (or throws its failure). */
  private replayed(context: object, query: string | undefined) {
    return this.takeReplay(context, query) ?? this.takeReplay(currentRequest(), query);
  }

  private takeReplay(key: object | undefined, query: string | undefined) {
    const replay = key && this.replays.get(key);
    if (!key || !replay || replay.query !== query) return undefined;
    this.replays.delete(key);
    if ('error' in replay.outcome) throw replay.outcome.error;
    return replay.outcome;
  }

  async process(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): Promise<GatewayGraphQLResponse> {
    const replayed = this.replayed(options.context, options.request.query);
    if (replayed) return replayed.response;
    // Only a client's operation has a request (the others: the gateway's health checks).
    const client = 'incomingRequestContext' in options;
    const fetched = await this.fetch(options.context, options.request, client, false);
    if (client)
      restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, fetched.cacheControl);
    return fetched.response;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /**
   * A client's query fetched as the gateway fetches it (the caller's signed identity, the
   * in-flight merge, the fetch metrics), outside the gateway: the single-fetch shortcut
   * (router/shortcut). With `keepBytes`, an answer the subgraph marks as data only comes back as
   * its bytes, unparsed; any other answer comes back parsed, as `process` returns it. Either way
   * with the subgraph's cache-control header, which bounds the response's (cacheHint).
   */
  async fetchQuery(
    context: RouterContext,
    request: { query: string; variables: Record<string, unknown>; operationName?: string },
    keepBytes: boolean,
  ): Promise<FetchedQuery> {
    return this.replayed(context, request.query) ?? this.fetch(context, request, true, keepBytes);
  }

  /** One timed fetch (the fetch metrics), its answer parsed unless kept as data-only bytes. */
  private async fetch(
    context: object,
    request: GraphQLDataSourceProcessOptions<RouterContext>['request'],
    client: boolean,
    keepBytes: false,
  ): Promise<ParsedFetch>;
  private async fetch(
    context: object,
    request: GraphQLDataSourceProcessOptions<RouterContext>['request'],
    client: boolean,
    keepBytes: boolean,
  ): Promise<FetchedQuery>;
  private async fetch(
    context: object,
    request: GraphQLDataSourceProcessOptions<RouterContext>['request'],
    client: boolean,
    keepBytes: boolean,
  ): Promise<FetchedQuery> {
    const fetched = this.options.metrics.subgraphFetch(this.name);
    try {
      const { query } = request;
      if (!query) throw new Error('Missing query');
      // A client's queries may be merged; anything else is sent as it is, every time.
      const reply = await this.send(
        context,
        { ...request, query },
        client && isQueryDocument(query),
      );
      const { cacheControl } = reply;
      const answer: FetchedQuery =
        keepBytes && reply.dataOnly && reply.status === 200 && isJson(reply.contentType)
          ? { dataOnly: reply.body, cacheControl }
          : { response: this.parse(reply), cacheControl };
      fetched();
      return answer;
    } catch (error) {
      fetched(errorCode(error));
      throw error;
    }
  }

  /** One POST to the subgraph, merged with the caller's identical one in flight when `mergeable`. */
  private async send(
    context: object,
    request: GraphQLDataSourceProcessOptions<RouterContext>['request'] & { query: string },
    mergeable: boolean,
  ): Promise<SubgraphReply> {
    const caller = this.options.signer.of(context);
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });
    const headers = this.willSendRequest(caller);
    const send = () => this.client.post(body, headers);
    try {
      return (this.options.mergeInFlight ?? true) && mergeable
        ? await this.inFlight.run(`${caller.key}\n${body}`, send)
        : await send();
    } catch (error) {
      const timedOut = error instanceof SubgraphTimeout;
      this.options.logger.warn({ err: error, subgraph: this.name }, 'subgraph fetch failed');
      throw new GraphQLError(
        timedOut
          ? `Subgraph "${this.name}" did not answer within ${this.options.timeoutMs} ms`
          : `Subgraph "${this.name}" is unavailable`,
        {
          extensions: {
            code: timedOut ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE',
            serviceName: this.name,
          },
        },
      );
    }
  }

  /** The reply as the gateway takes it, or the error a client may see. */
  private parse(reply: SubgraphReply): GatewayGraphQLResponse {
    const text = reply.body.toString('utf8');
    let body: unknown = text;
    if (isJson(reply.contentType)) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (reply.status < 200 || reply.status > 299) throw this.errorFromStatus(reply.status, body);
    if (typeof body !== 'object' || body === null) {
      this.options.logger.warn(
        { subgraph: this.name, status: reply.status },
        'subgraph answered no JSON',
      );
      throw new GraphQLError(`Subgraph "${this.name}" is unavailable`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
      });
    }
    return body as GatewayGraphQLResponse;
  }

  /**
   * A subgraph's 503 (its admission limit: the operation did not run) is a retryable
   * SERVICE_UNAVAILABLE naming the subgraph. Any other status is an error as the stock data
   * source makes it (401 UNAUTHENTICATED, 403 FORBIDDEN, else uncoded, which the router masks).
   */
  private errorFromStatus(status: number, body: unknown): GraphQLError {
    if (status === 503)
      return new GraphQLError(`Subgraph "${this.name}" is at capacity; retry shortly`, {
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: this.name },
      });
    const statusText = STATUS_CODES[status] ?? '';
    const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : undefined;
    return new GraphQLError(`${status}: ${statusText}`, {
      extensions: { ...(code ? { code } : {}), response: { status, statusText, body } },
    });
  }
}

/** An answer parsed, with the subgraph's cache-control header. */
type ParsedFetch = { cacheControl: string; response: GatewayGraphQLResponse };

/** A fetch of SubgraphDataSource.fetchQuery: the answer's bytes, or the answer parsed. */
export type FetchedQuery = ParsedFetch | { cacheControl: string; dataOnly: Buffer };

function isJson(contentType: string): boolean {
  return (
    contentType.startsWith('application/json') ||
    contentType.startsWith('application/graphql-response+json')
  );
}

/** A failed fetch's code, as the fetch-error metric counts it. */
function errorCode(error: unknown): string {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/** What a subgraph's cache-control header says of its answer: no max-age is 0, not cacheable. */
export interface CacheHint {
  maxAge: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/** The hint of a subgraph's cache-control header, read as the stock data source reads it. */
export function cacheHint(header: string): CacheHint {
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(header);
  const scope = /(?:^|,)\s*private\b/.test(header)
    ? 'PRIVATE'
    : /(?:^|,)\s*public\b/.test(header)
      ? 'PUBLIC'
      : undefined;
  return { maxAge: maxAge ? Number(maxAge[1]) : 0, ...(scope ? { scope } : {}) };
}

/** As the stock data source does: a subgraph's cache-control header bounds the response's. */
export function restrictCachePolicy(
  policy: { restrict?: (hint: CacheHint) => void } | undefined,
  header: string,
): void {
  policy?.restrict?.(cacheHint(header));
}

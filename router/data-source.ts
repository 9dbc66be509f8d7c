import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { STATUS_CODES } from 'node:http';
import { GraphQLError } from 'graphql';
import { anonymous, signIdentity, type Viewer } from '../lib/identity';
import type { Logger } from '../lib/log';
import { forwardedHeaders } from '../lib/request-scope';
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
  outcome: { response: GatewayGraphQLResponse } | { error: unknown };
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
  /** Answers already fetched for a request's context, for the gateway to take (replayOnce). */
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
   * fetched for it by the single-fetch shortcut (router/shortcut/executor.ts), so the gateway's
   * normal path shapes it — errors included — without a second subgraph request. Counted once,
   * when it was fetched.
   */
  replayOnce(context: object, query: string, outcome: Replay['outcome']): void {
    this.replays.set(context, { query, outcome });
  }

  async process(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): Promise<GatewayGraphQLResponse> {
    const replay = this.replays.get(options.context);
    if (replay && replay.query === options.request.query) {
      this.replays.delete(options.context);
      if ('error' in replay.outcome) throw replay.outcome.error;
      return replay.outcome.response;
    }
    const fetched = this.options.metrics.subgraphFetch(this.name);
    try {
      const response = await this.processNamed(options);
      fetched();
      return response;
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      fetched(typeof code === 'string' ? code : 'UNKNOWN');
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async processNamed(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const caller = this.options.signer.of(options.context);
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });
    const headers = this.willSendRequest(caller);
    const send = () => this.client.post(body, headers);
    let reply: SubgraphReply;
    try {
      reply =
        (this.options.mergeInFlight ?? true) &&
        'incomingRequestContext' in options &&
        isQueryDocument(request.query)
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
    // Only a client's operation has a request (the others: the gateway's health checks).
    if ('incomingRequestContext' in options)
      restrictCachePolicy(options.incomingRequestContext.overallCachePolicy, reply.cacheControl);
    return this.parse(reply);
  }

  /** The reply as the gateway takes it, or the error a client may see. */
  private parse(reply: SubgraphReply): GatewayGraphQLResponse {
    const json =
      reply.contentType.startsWith('application/json') ||
      reply.contentType.startsWith('application/graphql-response+json');
    let body: unknown = reply.text;
    if (json) {
      try {
        body = JSON.parse(reply.text);
      } catch {
        body = reply.text;
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

/** As the stock data source does: a subgraph's cache-control header bounds the response's. */
function restrictCachePolicy(
  policy:
    { restrict?: (hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }) => void } | undefined,
  header: string,
): void {
  if (!policy?.restrict) return;
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(header);
  const scope = /(?:^|,)\s*private\b/.test(header)
    ? 'PRIVATE'
    : /(?:^|,)\s*public\b/.test(header)
      ? 'PUBLIC'
      : undefined;
  policy.restrict({ maxAge: maxAge ? Number(maxAge[1]) : 0, ...(scope ? { scope } : {}) });
}

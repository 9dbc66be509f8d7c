import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { anonymous, signIdentity } from '../lib/identity';
import type { Logger } from '../lib/log';
import { forwardedHeaders } from '../lib/request-scope';
import type { RouterContext } from './context';
import type { RouterMetrics } from './metrics';

/**
 * A subgraph as the router calls it. Stock RemoteGraphQLDataSource waits forever on a hung
 * subgraph and reports a refused connection with the subgraph's internal address; here every
 * fetch has a deadline, and a failure becomes an error that names the subgraph and nothing more.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(
    readonly name: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly internalSecret: string,
    private readonly logger: Logger,
    private readonly metrics: Pick<RouterMetrics, 'subgraphFetch'>,
  ) {
    super({ url });
    this.fetcher = (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
  }

  /**
   * Signs the caller's identity onto the subgraph request. The gateway builds subgraph headers
   * afresh, so nothing a client sent (forged x-mercato-* headers included) is passed on.
   */
  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const viewer = 'viewer' in context && context.viewer ? context.viewer : anonymous;
    const headers = { ...signIdentity(this.internalSecret, viewer), ...forwardedHeaders() };
    for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
  }

  override async process(
    options: GraphQLDataSourceProcessOptions,
  ): Promise<GatewayGraphQLResponse> {
    const fetched = this.metrics.subgraphFetch(this.name);
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

  /** The fetch, its failures as errors that name the subgraph and nothing more. */
  private async processNamed(
    options: GraphQLDataSourceProcessOptions,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const busy = atCapacity(error, this.name);
      if (busy) throw busy;
      if (error instanceof GraphQLError) throw error;
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      this.logger.warn({ err: error, subgraph: this.name }, 'subgraph fetch failed');
      throw new GraphQLError(
        timedOut
          ? `Subgraph "${this.name}" did not answer within ${this.timeoutMs} ms`
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
}

/**
 * A subgraph's 503 (its admission limit: the operation did not run) as a retryable
 * SERVICE_UNAVAILABLE naming the subgraph; the gateway would report it as "503: Service
 * Unavailable", which the router masks as INTERNAL_SERVER_ERROR. Null for any other error.
 */
function atCapacity(error: unknown, subgraph: string): GraphQLError | null {
  // The gateway's error may come from its own copy of graphql-js: read it structurally.
  const extensions =
    typeof error === 'object' && error !== null && 'extensions' in error ? error.extensions : null;
  const response =
    typeof extensions === 'object' && extensions !== null && 'response' in extensions
      ? extensions.response
      : null;
  const status =
    typeof response === 'object' && response !== null && 'status' in response
      ? response.status
      : undefined;
  if (status !== 503) return null;
  return new GraphQLError(`Subgraph "${subgraph}" is at capacity; retry shortly`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: subgraph },
  });
}

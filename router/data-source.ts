import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import type { Logger } from '../lib/log';

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
    private readonly logger: Logger,
  ) {
    super({ url });
    this.fetcher = (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
  }

  override async process(
    options: GraphQLDataSourceProcessOptions,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
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

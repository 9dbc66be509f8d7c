import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '../lib/log';
import { committedSupergraph } from '../lib/supergraph';
import { SubgraphDataSource } from './data-source';
import { explorerLandingPage } from './explorer/page';
import type { RouterConfig } from './env';
import type { RouterContext } from './context';
import { operationLimits } from './limits';
import type { RouterMetrics } from './metrics';
import { tracingPlugin } from '../lib/tracing/spans';

/** Builds the router's ApolloServer over the committed supergraph. It never listens. */
export function buildRouter(
  config: RouterConfig,
  logger: Logger,
  metrics: RouterMetrics,
): ApolloServer<RouterContext> {
  const development = config.nodeEnv !== 'production';
  // @apollo/gateway otherwise starts, on construction, a metrics exporter to Apollo's servers and
  // probes the AWS, GCP and Azure metadata addresses to describe its host. A self-hosted router
  // sends nothing anywhere unless its operator opts in (APOLLO_TELEMETRY_DISABLED=false).
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: committedSupergraph(),
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name as keyof RouterConfig['subgraphUrls']];
      if (!url)
        throw new Error(`the supergraph names subgraph "${name}", which has no configured URL`);
      return new SubgraphDataSource(
        name,
        url,
        config.subgraphTimeoutMs,
        config.internalSecret,
        logger,
        metrics,
      );
    },
    logger,
  });
  const limits = operationLimits<RouterContext>(config.limits, logger);
  return new ApolloServer<RouterContext>({
    gateway,
    // The explorer needs introspection; production turns it off (DESIGN.md §4).
    introspection: development,
    includeStacktraceInErrorResponses: false,
    // Masks unexpected errors (a subgraph's uncoded ones too) and logs them under the requestId
    // the client sees.
    formatError: limits.formatError,
    // Limits before any resolver runs (DESIGN.md §4; router/limits).
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    csrfPrevention: true,
    // The process drains and stops it (lib/serve.ts); Apollo's own SIGTERM handler would race
    // that with a second stop.
    stopOnTerminationSignals: false,
    // Field suggestions ("Did you mean …?") only where introspection is on.
    hideSchemaDetailsFromClientErrors: !development,
    plugins: [
      ...limits.plugins,
      metrics.plugin,
      tracingPlugin(),
      // In development a browser opening /graphql gets the self-hosted explorer (router/explorer).
      development ? explorerLandingPage() : ApolloServerPluginLandingPageDisabled(),
    ],
  });
}

import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '../lib/log';
import type { SharedCache } from '../lib/shared-state';
import { committedSupergraph } from '../lib/supergraph';
import { IdentitySigner, SubgraphDataSource } from './data-source';
import { explorerLandingPage } from './explorer/page';
import type { RouterConfig } from './env';
import type { RouterContext } from './context';
import { operationLimits } from './limits';
import type { PersistedQueryRegistry } from './persisted/manifest';
import { planPersistedOperations } from './persisted/plans';
import type { RouterMetrics } from './metrics';
import { directShortcuts, type DirectShortcuts } from './shortcut/direct';
import { withSingleFetchShortcut } from './shortcut/executor';
import { tracingPlugin } from '../lib/tracing/spans';

/** How long an automatic persisted query (APQ) registration is kept: a day. */
const APQ_TTL_S = 86_400;

export interface RouterParts {
  /** Where APQ registrations are kept: shared by the replicas when Redis is configured. */
  apqCache: SharedCache;
  /** Plugins beyond the router's own (the rate limits, which need the shared state). */
  plugins: ApolloServerPlugin<RouterContext>[];
}

/** The router: its ApolloServer, and the shortcut that answers known queries before it. */
export interface Router {
  server: ApolloServer<RouterContext>;
  /** lib/http.ts's `direct`: router/shortcut/direct.ts. */
  direct: DirectShortcuts['run'];
}

/** Builds the router over the committed supergraph. It never listens. */
export function buildRouter(
  config: RouterConfig,
  logger: Logger,
  metrics: RouterMetrics,
  parts: RouterParts,
  /** Persisted operations to plan at start (router/persisted/plans.ts). */
  persisted?: PersistedQueryRegistry,
): Router {
  const development = config.nodeEnv !== 'production';
  // @apollo/gateway otherwise starts, on construction, a metrics exporter to Apollo's servers and
  // probes the AWS, GCP and Azure metadata addresses to describe its host. A self-hosted router
  // sends nothing anywhere unless its operator opts in (APOLLO_TELEMETRY_DISABLED=false).
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const signer = new IdentitySigner(config.internalSecret);
  const sources: SubgraphDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: committedSupergraph(),
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name as keyof RouterConfig['subgraphUrls']];
      if (!url)
        throw new Error(`the supergraph names subgraph "${name}", which has no configured URL`);
      const source = new SubgraphDataSource({
        name,
        url,
        timeoutMs: config.subgraphTimeoutMs,
        signer,
        logger,
        metrics,
      });
      sources.push(source);
      return source;
    },
    logger,
  });
  const limits = operationLimits<RouterContext>(config.limits, logger);
  const direct = directShortcuts(config.limits, metrics);
  const server = new ApolloServer<RouterContext>({
    // One-subgraph queries answered with the subgraph's data as it came (router/shortcut), and
    // once answered so, answered before Apollo next time (router/shortcut/direct.ts).
    gateway: withSingleFetchShortcut(gateway, {
      sourceOf: (name) => sources.find((source) => source.name === name),
      taken: (subgraph) => metrics.singleFetchShortcut(subgraph),
      learned: direct.learned,
    }),
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
    // A client's APQ registration on one replica serves its next request on any other; the
    // cache fails open (a miss) while Redis is down, and the client sends the document again.
    persistedQueries: { cache: parts.apqCache, ttl: APQ_TTL_S },
    // The process drains and stops it (lib/serve.ts); Apollo's own SIGTERM handler would race
    // that with a second stop.
    stopOnTerminationSignals: false,
    // Field suggestions ("Did you mean …?") only where introspection is on.
    hideSchemaDetailsFromClientErrors: !development,
    plugins: [
      // At start (the supergraph is loaded by now): persisted operations' plans. The subgraph
      // connection pools close with the server (after the drain).
      {
        serverWillStart: async () => {
          if (persisted) {
            const planned = await planPersistedOperations(gateway, persisted, logger);
            logger.info({ planned }, 'persisted operations planned');
          }
          return {
            serverWillStop: async () => {
              await Promise.all(sources.map((source) => source.close()));
            },
          };
        },
      },
      ...limits.plugins,
      ...parts.plugins,
      metrics.plugin,
      tracingPlugin(),
      // In development a browser opening /graphql gets the self-hosted explorer (router/explorer).
      development ? explorerLandingPage() : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  // Apollo's usage reporting (on when APOLLO_KEY is set) traces requests inside its pipeline: with
  // it, every request takes that pipeline.
  const usageReporting = Boolean(process.env.APOLLO_KEY);
  return { server, direct: usageReporting ? async () => null : direct.run };
}

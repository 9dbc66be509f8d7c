/**
 * Mercato's supergraph served by Hive Gateway (README, "Serving with Hive Gateway"): the same
 * environment as the router (router/env.ts: <NAME>_URL, INTERNAL_SECRET, JWT_*,
 * SUBGRAPH_TIMEOUT_MS, PORT), the committed supergraph, and the identity plugin.
 */
import { subgraphNames } from '../lib/env';
import { supergraphPath } from '../lib/paths';
import { routerEnv } from '../router/env';
import { useMercatoIdentity } from './identity';

export interface HiveOptions {
  /**
   * Hive's in-flight merging of identical subgraph requests. Its key is URL, method and body:
   * it ignores the identity headers the plugin signs, so two users asking the same thing at once
   * could share one answer fetched for one of them. Off, always, where users sign in; the
   * benchmark turns it on only to measure Hive's defaults.
   */
  mergeSubgraphRequests?: boolean;
}

export function mercatoGatewayConfig(
  env: Record<string, string | undefined> = process.env,
  { mergeSubgraphRequests = false }: HiveOptions = {},
) {
  const config = routerEnv(env);
  // A plain object, not defineConfig(): see MercatoIdentityPlugin on why Hive's types stay out.
  return {
    supergraph: supergraphPath,
    port: config.server.port,
    host: config.server.host,
    // The supergraph's URLs are the development ports; a deployment's come from <NAME>_URL.
    transportEntries: {
      '*.http': {
        options: {
          timeout: config.subgraphTimeoutMs,
          deduplicateInflightRequests: mergeSubgraphRequests,
        },
      },
      ...Object.fromEntries(
        subgraphNames.map((name) => [name, { location: config.subgraphUrls[name] }]),
      ),
    },
    // Introspection and the GraphiQL page as the router has them: development only.
    graphiql: config.nodeEnv !== 'production',
    disableIntrospection: config.nodeEnv === 'production' ? { disableIf: () => true } : undefined,
    plugins: () => [
      useMercatoIdentity({ internalSecret: config.internalSecret, tokens: config.tokens }),
    ],
  };
}

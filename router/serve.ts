import { corsPolicy } from '../lib/cors';
import { noteAccess } from '../lib/request-scope';
import { serveGraphQL, type RunningServer } from '../lib/serve';
import type { Logger } from '../lib/log';
import { createSharedState } from '../lib/shared-state';
import { createTokens } from '../lib/tokens';
import type { RouterConfig } from './env';
import { explorerRoutes } from './explorer/routes';
import { identify } from './identity';
import { createPartnerVerifier } from './partners';
import { loadPersistedQueries, manifestPath } from './persisted/manifest';
import { refusalBody, refusalHeaders, resolveHttpRequest } from './persisted/resolve';
import { clientClass, createRouterMetrics } from './metrics';
import { clientIp, createRateLimits, refusalBody as rateRefusalBody } from './rate-limits';
import { buildRouter } from './server';

/** The router serving on its port. */
export type RunningRouter = RunningServer;

/**
 * Starts the router and listens; tests call this with port 0. Every request is identified
 * (token or API key) and then held to the persisted-query policy of its client class before
 * Apollo sees it, GET requests included.
 */
export async function serveRouter(config: RouterConfig, logger: Logger): Promise<RunningRouter> {
  // Redis when REDIS_URL is set: the APQ cache, rate-limit counters and partner revocations every
  // replica shares (lib/shared-state).
  const shared = createSharedState({ ...config.sharedState, logger });
  // Briefly, so the first requests count with the other replicas; past it the router starts
  // anyway and counts in process until Redis answers (lib/shared-state).
  if (!(await shared.ready(2_000))) logger.warn('starting without Redis; shared state is degraded');
  const tokens = createTokens(config.tokens);
  const partners = createPartnerVerifier({
    accountsUrl: config.subgraphUrls.accounts,
    internalSecret: config.internalSecret,
    revocations: { shared, logger },
  });
  // A bad manifest stops the router at start, not at the first partner request.
  const registry = loadPersistedQueries(manifestPath);
  const policy = { appFreeform: config.appFreeformOperations };
  const metrics = createRouterMetrics(
    [...registry.byId.values()].map((operation) => operation.name),
  );
  const rateLimits = createRateLimits(shared, config.rateLimits, metrics.rateLimited);
  try {
    const router = buildRouter(
      config,
      logger,
      metrics,
      { apqCache: shared.cache('apq'), plugins: [rateLimits.plugin] },
      registry,
    );
    return await serveGraphQL({
      server: router.server,
      direct: router.direct,
      logger,
      metrics: metrics.registry,
      context: async (req) => ({
        ...(await identify(req, tokens, partners)),
        clientIp: clientIp(req, config.rateLimits.trustedProxies),
      }),
      prepare: async (request, context) => {
        const caller = await context();
        noteAccess({ client: clientClass(caller) });
        // Every request of the caller counts, whatever the persisted-query policy says of it.
        const limited = await rateLimits.request(caller);
        if (limited) {
          return {
            ok: false,
            status: 429,
            headers: { 'retry-after': String(limited.retryAfterS) },
            body: rateRefusalBody(limited),
          };
        }
        const { partner } = caller;
        const client = partner
          ? { kind: 'partner' as const, allowedOperations: partner.operations }
          : { kind: 'first-party' as const };
        const resolved = resolveHttpRequest(request, client, policy, registry);
        metrics.persisted(resolved);
        if (resolved.ok) return { ok: true, search: resolved.search, body: resolved.body };
        return {
          ok: false,
          status: resolved.status,
          headers: refusalHeaders,
          body: JSON.stringify(refusalBody(resolved)),
        };
      },
      // The explorer's files, beside /graphql: only where the explorer is (router/server.ts).
      ...(config.nodeEnv === 'production' ? {} : { routes: explorerRoutes }),
      maxBodyBytes: config.maxBodyBytes,
      cors: corsPolicy(config.corsOrigins),
      port: config.server.port,
      host: config.server.host,
      managementPort: config.server.managementPort,
      drainTimeoutMs: config.server.drainTimeoutMs,
      onStop: () => shared.close(),
    });
  } catch (error) {
    await shared.close();
    throw error;
  }
}

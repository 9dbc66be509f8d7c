import { z } from 'zod';
import {
  commonSettings,
  defaultPorts,
  internalSettings,
  parseEnv,
  positiveInt,
  serverSettings,
  serverSettingsFrom,
  sharedStateSettings,
  subgraphUrlSettings,
  subgraphUrlsFrom,
  tokenSettings,
  tokenSettingsFrom,
} from '../lib/env';
import { developmentOrigins, originPatternProblem } from '../lib/cors';
import { limitSettings, limitsFromEnv } from './limits/config';
import { rateLimitSettings, rateLimitsFromEnv } from './rate-limits/config';
import { tracingFrom, tracingSettings } from '../lib/tracing/settings';

/** CORS_ORIGINS: a comma-separated list of origin patterns, each checked (empty: none). */
const corsOrigins = z
  .string()
  .transform((text, ctx) => {
    const patterns = text
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    for (const problem of patterns.map(originPatternProblem)) {
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
    return patterns;
  })
  .optional();

/**
 * The router's configuration. Each subgraph's URL is `<NAME>_URL` (e.g. CATALOG_URL), defaulting
 * to the local port of DESIGN.md §1.
 */
export function routerEnv(source: Record<string, string | undefined> = process.env) {
  const schema = z
    .object({
      ...commonSettings,
      ...internalSettings,
      ...tokenSettings,
      ...subgraphUrlSettings,
      ...serverSettings(defaultPorts.router),
      /** A subgraph fetch that takes longer is abandoned; the client gets partial data. */
      SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
      /**
       * Whether first-party apps may send operations that are not in the persisted list:
       * by default yes in development (the explorer, new features) and no in production.
       */
      APP_FREEFORM_OPERATIONS: z.enum(['true', 'false']).optional(),
      /** Largest accepted request body (Apollo Router's default limit is 2 MB). */
      MAX_BODY_BYTES: positiveInt(2_000_000),
      /**
       * Browser origins that may read responses, comma-separated (lib/cors.ts): exact origins,
       * `scheme://host:*` for any port, or `*`. Unset: local origins and Apollo's hosted
       * Sandbox/Studio in development, none in production.
       */
      CORS_ORIGINS: corsOrigins,
      /**
       * Router processes serving the one port (node:cluster, router/workers.ts): 1 serves from
       * this process; more fork that many workers, to use that many cores.
       */
      ROUTER_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
      /** Operation limits (router/limits/config.ts): MAX_DEPTH, MAX_TOKENS, MAX_COST, … */
      ...limitSettings,
      /** Redis for what replicas share (lib/shared-state): REDIS_URL, REDIS_KEY_PREFIX. */
      ...sharedStateSettings,
      /** Per-client rate limits (router/rate-limits/config.ts): RATE_LIMIT_*, TRUSTED_PROXIES. */
      ...rateLimitSettings,
      /** OpenTelemetry: on when an OTLP endpoint is set (lib/tracing/settings.ts). */
      ...tracingSettings,
    })
    .transform((env, ctx) => ({
      nodeEnv: env.NODE_ENV,
      logLevel: env.LOG_LEVEL,
      server: serverSettingsFrom(env, ctx),
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      internalSecret: env.INTERNAL_SECRET,
      tokens: tokenSettingsFrom(env),
      maxBodyBytes: env.MAX_BODY_BYTES,
      corsOrigins: env.CORS_ORIGINS ?? (env.NODE_ENV === 'production' ? [] : developmentOrigins),
      appFreeformOperations: env.APP_FREEFORM_OPERATIONS
        ? env.APP_FREEFORM_OPERATIONS === 'true'
        : env.NODE_ENV !== 'production',
      limits: limitsFromEnv(env),
      sharedState: { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX },
      rateLimits: rateLimitsFromEnv(env),
      subgraphUrls: subgraphUrlsFrom(env),
      workers: env.ROUTER_WORKERS,
      tracing: tracingFrom(env),
    }));
  return parseEnv(schema, source);
}

export type RouterConfig = ReturnType<typeof routerEnv>;

import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, parse } from 'graphql';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { Admission } from './admission';
import type { BatchObserver } from './batch';
import type { SubgraphContext } from './context';
import { verifyIdentity } from './identity';
import { createTokens, type TokenSettings } from './tokens';
import { createDb, type Db } from './db';
import { directQueries } from './direct-queries';
import type { DbOptions, SettingsOf, SubgraphName } from './env';
import { maskErrors } from './errors';
import type { RouteHandler } from './http';
import { serveGraphQL, type RunningServer } from './serve';
import { createLogger, type Logger } from './log';
import { createSubgraphMetrics } from './metrics/subgraph';
import { createPeers, type Peers } from './peers';
import { tracingPlugin } from './tracing/spans';
import { traceStatements } from './tracing/statements';

/** Everything that makes a subgraph, declared once in its server.ts. */
export interface SubgraphDefinition<
  TTables extends Record<string, unknown>,
  TLoaders,
  TSettings extends z.ZodRawShape = Record<never, never>,
> {
  name: SubgraphName;
  /** The subgraph's SDL file (schema.graphql beside server.ts). */
  schemaFile: URL;
  tables: TTables;
  resolvers: object;
  /** Per-request loaders, each made with namedLoader (lib/batch.ts) so `observe` sees its batches. */
  createLoaders: (db: Db<TTables>['db'], observe: BatchObserver) => TLoaders;
  /**
   * HTTP routes beside /graphql for other Mercato services (not the public API), e.g. accounts'
   * partner-key check for the router. Each must verify the internal signature itself.
   */
  internalRoutes?: (deps: {
    db: Db<TTables>['db'];
    internalSecret: string;
    metrics: Registry;
  }) => RouteHandler;
  /**
   * Metrics read from the subgraph's data at scrape time (orders' oldest PENDING order), put on
   * the server's registry.
   */
  observe?: (deps: { db: Db<TTables>['db']; metrics: Registry }) => void;
  /**
   * Environment settings of this subgraph alone, beyond every subgraph's (orders' recovery
   * timings): parsed with the rest of the process's configuration at start (subgraphEnv), so a
   * bad value is reported with every other problem before the process listens.
   */
  settings?: TSettings;
  /**
   * Work the subgraph process does on its own, beside requests (orders' recovery of unfinished
   * orders), given its parsed `settings`. Started by the process entry point (runSubgraph)
   * through serveSubgraph's `background`, so tests run it when they choose.
   */
  background?: (deps: BackgroundDeps<TTables>, settings: SettingsOf<TSettings>) => BackgroundTask;
}

export interface BackgroundDeps<TTables extends Record<string, unknown>> {
  db: Db<TTables>['db'];
  peers: Peers;
  logger: Logger;
  metrics: Registry;
}

/** A running background task; stop() waits for the pass in progress. */
export interface BackgroundTask {
  stop(): Promise<void>;
}

type ContextOf<T extends Record<string, unknown>, L> = SubgraphContext<Db<T>['db'], L> &
  BaseContext;

/** Builds the subgraph's ApolloServer. It never listens; see serveSubgraph. */
export function buildSubgraphServer<T extends Record<string, unknown>, L, S extends z.ZodRawShape>(
  definition: SubgraphDefinition<T, L, S>,
  logger: Logger,
  plugins: ApolloServerPlugin<ContextOf<T, L>>[] = [],
): ApolloServer<ContextOf<T, L>> {
  const typeDefs = parse(readFileSync(definition.schemaFile, 'utf8'));
  return new ApolloServer<ContextOf<T, L>>({
    // Codegen's Resolvers type is checked in each subgraph; Apollo's map type is looser.
    schema: buildSubgraphSchema({
      typeDefs,
      resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
    }),
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(logger),
    // The process drains and stops it (lib/serve.ts); Apollo's own SIGTERM handler would race
    // that with a second stop.
    stopOnTerminationSignals: false,
    // No Apollo Studio here: per-field timing traces would only add bytes and leak timings.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No subgraph sets cache hints, and the router treats an answer without a cache-control
      // header as uncacheable, as it treats `no-store`; the plugin would wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      tracingPlugin(),
      ...plugins,
    ],
  });
}

/** A subgraph serving on its port. */
export type RunningSubgraph = RunningServer;

export interface ServeOptions {
  db: DbOptions;
  /** Verifies the identity the router signs onto every request. */
  internalSecret: string;
  /** Token settings, for the subgraph that issues tokens (accounts). */
  tokens?: TokenSettings | null;
  port: number;
  host?: string;
  /** Health, readiness and metrics (lib/management.ts); default 0, any free port. */
  managementPort?: number;
  /** How long requests in flight may take to finish once stopping; default 10 s. */
  drainTimeoutMs?: number;
  /** Operations admitted at once and how long others may wait; default 4 per pooled connection, 1 s. */
  limits?: { maxConcurrent: number; queueTimeoutMs: number };
  /** GraphQL URLs of the peer subgraphs this one calls, and the deadline of one call. */
  peers?: Partial<Record<SubgraphName, string>>;
  peerTimeoutMs?: number;
  /** Observes every SQL statement the subgraph sends (tests count them). */
  onQuery?: (query: string) => void;
  logger?: Logger;
}

/**
 * Starts the definition's background task with the server, given its settings as parsed at start
 * (the process entry point does; tests leave it out and run the work when they choose).
 */
export interface BackgroundStart<S extends z.ZodRawShape> {
  background?: { settings: SettingsOf<S> };
}

/** Opens the pool, starts the ApolloServer and listens: the whole subgraph process. */
export async function serveSubgraph<T extends Record<string, unknown>, L, S extends z.ZodRawShape>(
  definition: SubgraphDefinition<T, L, S>,
  options: ServeOptions & BackgroundStart<S>,
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name);
  const tokens = options.tokens ? createTokens(options.tokens) : null;
  const database = createDb(
    { ...options.db, ...(options.onQuery ? { onQuery: options.onQuery } : {}) },
    definition.tables,
  );
  const peers = createPeers({
    urls: options.peers ?? {},
    internalSecret: options.internalSecret,
    timeoutMs: options.peerTimeoutMs ?? 3_000,
  });
  const metrics = createSubgraphMetrics();
  metrics.observeDatabase(database.db, options.db.poolMax);
  traceStatements(database.db);
  const admission = new Admission(
    options.limits?.maxConcurrent ?? options.db.poolMax * 4,
    options.limits?.queueTimeoutMs ?? 1_000,
    metrics.admissionRefused,
  );
  metrics.observeAdmission(admission);
  definition.observe?.({ db: database.db, metrics: metrics.registry });
  let background: BackgroundTask | undefined;
  // Queries Apollo has accepted once run without its pipeline (lib/direct-queries.ts).
  const direct = directQueries<ContextOf<T, L>>(metrics.directOperation);
  const running = await serveGraphQL({
    server: buildSubgraphServer(definition, logger, [metrics.plugin, direct.plugin]),
    direct: direct.run,
    logger,
    metrics: metrics.registry,
    context: async (req) => {
      // Only the router (or a peer holding the internal secret) may call a subgraph: without a
      // valid signature nothing runs, `_entities` included.
      const viewer = verifyIdentity(options.internalSecret, req.headers);
      if (!viewer) {
        throw new GraphQLError('Subgraphs answer only requests signed by the router', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      }
      return {
        db: database.db,
        loaders: definition.createLoaders(database.db, metrics.batchObserver),
        viewer,
        tokens,
        peers,
        logger,
        metrics: metrics.registry,
      };
    },
    routes: definition.internalRoutes?.({
      db: database.db,
      internalSecret: options.internalSecret,
      metrics: metrics.registry,
    }),
    unready: () => databaseUnready(database, 1_000),
    admission,
    port: options.port,
    host: options.host ?? '0.0.0.0',
    managementPort: options.managementPort,
    drainTimeoutMs: options.drainTimeoutMs,
    onStop: async () => {
      await background?.stop();
      await database.close();
    },
  });
  if (options.background && definition.background) {
    background = definition.background(
      { db: database.db, peers, logger, metrics: metrics.registry },
      options.background.settings,
    );
  }
  return running;
}

/**
 * Why the database keeps the subgraph from serving, or null: it must answer `select 1` within
 * `timeoutMs`. Bounded because a probe would otherwise wait behind every statement queued for
 * the pool, past any probe's own timeout (a saturated pool reads as unready either way).
 */
async function databaseUnready(
  database: Db<Record<string, unknown>>,
  timeoutMs: number,
): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`database did not answer within ${timeoutMs} ms`), timeoutMs);
  });
  const answered = database.sql`select 1`.then(
    () => null,
    () => 'database unavailable',
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

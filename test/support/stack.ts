/** The whole supergraph in one process, on real servers and ports: for tests and benchmarks. */
import { dbOptionsFrom, dbSettingsEnv, subgraphNames, type SubgraphName } from '../../lib/env';
import { anonymous, signIdentity, type Viewer } from '../../lib/identity';
import { createLogger, type Logger } from '../../lib/log';
import { randomSecret } from '../../lib/secrets';
import { createTokens, type Tokens, type TokenSettings } from '../../lib/tokens';
import { serveSubgraph, type RunningSubgraph, type ServeOptions } from '../../lib/subgraph';
import { routerEnv } from '../../router/env';
import { serveRouter, type RunningRouter } from '../../router/serve';
import { accounts } from '../../subgraphs/accounts/server';
import { catalog } from '../../subgraphs/catalog/server';
import { inventory } from '../../subgraphs/inventory/server';
import { orders } from '../../subgraphs/orders/server';
import { reviews } from '../../subgraphs/reviews/server';
import { tables as orderTables } from '../../subgraphs/orders/db/schema';
import {
  recoverOrders,
  type RecoveryReport,
  type RecoverySettings,
} from '../../subgraphs/orders/recovery';
import { createDb } from '../../lib/db';
import { createPeers } from '../../lib/peers';

/**
 * The router's rate limits, all off: a test file's whole traffic comes from one address and a
 * few users, far beyond what one client may send. Tests of the limits set their own.
 */
export const rateLimitsOff: Record<string, string> = {
  RATE_LIMIT_ANONYMOUS: 'off',
  RATE_LIMIT_USER: 'off',
  RATE_LIMIT_PARTNER: 'off',
  RATE_LIMIT_AUTH_IP: 'off',
  RATE_LIMIT_AUTH_EMAIL: 'off',
  RATE_LIMIT_PLACE_ORDER: 'off',
};

/** One typed starter per subgraph (each definition has its own table and loader types). */
const starters: Record<SubgraphName, (options: ServeOptions) => Promise<RunningSubgraph>> = {
  accounts: (options) => serveSubgraph(accounts, options),
  catalog: (options) => serveSubgraph(catalog, options),
  inventory: (options) => serveSubgraph(inventory, options),
  orders: (options) => serveSubgraph(orders, options),
  reviews: (options) => serveSubgraph(reviews, options),
};

/** Counts the SQL statements each subgraph sends; tests reset it around an operation. */
export class StatementCounter {
  readonly counts = new Map<SubgraphName, number>();
  readonly statements: { subgraph: SubgraphName; query: string }[] = [];

  record(subgraph: SubgraphName, query: string): void {
    this.counts.set(subgraph, (this.counts.get(subgraph) ?? 0) + 1);
    this.statements.push({ subgraph, query });
  }

  reset(): void {
    this.counts.clear();
    this.statements.length = 0;
  }

  /** Statements per subgraph, omitting subgraphs that sent none. */
  snapshot(): Partial<Record<SubgraphName, number>> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}

export interface Stack {
  routerUrl: string;
  router: RunningRouter;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  statements: StatementCounter;
  /** The stack's own secrets: tests mint tokens and sign direct subgraph calls with them. */
  internalSecret: string;
  tokens: Tokens;
  /** What `tokens` are made with: a router process of the test, or Hive Gateway over the same subgraphs, verifies them with it. */
  tokenSettings: TokenSettings;
  /** `Authorization` headers of a signed-in user (roles default to CUSTOMER). */
  authAs(userId: number, roles?: string[]): Promise<Record<string, string>>;
  /** Headers a subgraph accepts: `viewer` signed as the router would sign it. */
  signedAs(viewer?: Viewer): Record<string, string>;
  /**
   * One recovery pass of the orders subgraph, now and with no staleness wait (the orders process
   * runs it on a timer): it settles every unfinished order in the database, not one test's.
   */
  recoverOrders(settings?: Partial<RecoverySettings>): Promise<RecoveryReport>;
  /**
   * Stops a subgraph (in-flight requests finish; new ones are refused), runs `whileDown`, and
   * starts it again on the same port (also when `whileDown` throws).
   */
  restartSubgraph(name: SubgraphName, whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole supergraph in this process: five real subgraph servers on free ports, each on the
 * test database, and the router pointed at them.
 */
/** Some of the subgraphs, running in this process on the file's database: the subgraph tier. */
export interface SubgraphSet {
  subgraphs: Partial<Record<SubgraphName, RunningSubgraph>>;
  statements: StatementCounter;
  /** The set's own secrets: tests mint tokens and sign direct subgraph calls with them. */
  internalSecret: string;
  tokenSettings: TokenSettings;
  /** Headers a subgraph accepts: `viewer` signed as the router would sign it. */
  signedAs(viewer?: Viewer): Record<string, string>;
  /** (Re)starts one subgraph on `port` (0: any free port), its peers being those already running. */
  start(name: SubgraphName, port?: number): Promise<RunningSubgraph>;
  stop(): Promise<void>;
}

export interface SubgraphSetOptions {
  /** Where the servers log (default: silent, or the level in STACK_LOG). */
  logger?: Logger;
  /** Deadline of a subgraph's call to a peer (default 3 s). */
  peerTimeoutMs?: number;
  /** Peer URLs to use instead of running peers (e.g. an address nothing answers on). */
  peerOverrides?: Partial<Record<SubgraphName, string>>;
  /**
   * Whether `statements` records every SQL statement (default true). Recording turns on
   * postgres.js' debug hook, which captures a stack trace per statement: benchmarks leave it off.
   */
  recordStatements?: boolean;
}

/**
 * Starts `names` on real servers and free ports, on `databaseUrl`. Subgraphs whose writes call
 * peers (orders, reviews) start after the others, so they know their peers' URLs.
 */
export async function startSubgraphs(
  databaseUrl: string,
  names: readonly SubgraphName[],
  options: SubgraphSetOptions = {},
): Promise<SubgraphSet> {
  const logger = options.logger ?? createLogger('test', process.env.STACK_LOG ?? 'silent');
  const statements = new StatementCounter();
  const internalSecret = randomSecret();
  const tokenSettings: TokenSettings = {
    secret: randomSecret(),
    issuer: 'mercato',
    audience: 'mercato-api',
    ttlSeconds: 3_600,
  };
  const settings = dbSettingsEnv({});
  const subgraphs: Partial<Record<SubgraphName, RunningSubgraph>> = {};
  async function start(name: SubgraphName, port = 0): Promise<RunningSubgraph> {
    const running = await starters[name]({
      db: dbOptionsFrom(settings, databaseUrl, `mercato-test-${name}`),
      port,
      host: '127.0.0.1',
      logger,
      internalSecret,
      tokens: tokenSettings,
      peers: {
        ...Object.fromEntries(Object.entries(subgraphs).map(([peer, s]) => [peer, s.url])),
        ...options.peerOverrides,
      },
      ...(options.peerTimeoutMs ? { peerTimeoutMs: options.peerTimeoutMs } : {}),
      ...(options.recordStatements === false
        ? {}
        : { onQuery: (query: string) => statements.record(name, query) }),
    });
    subgraphs[name] = running;
    return running;
  }
  const callers: SubgraphName[] = ['orders', 'reviews'];
  await Promise.all(names.filter((n) => !callers.includes(n)).map((n) => start(n)));
  await Promise.all(names.filter((n) => callers.includes(n)).map((n) => start(n)));
  return {
    subgraphs,
    statements,
    internalSecret,
    tokenSettings,
    signedAs: (viewer = anonymous) => signIdentity(internalSecret, viewer),
    start,
    stop: async () => {
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    },
  };
}

/**
 * The whole supergraph in this process: five real subgraph servers on free ports, each on the
 * test database, and the router pointed at them.
 */
export async function startStack(
  databaseUrl: string,
  options: {
    subgraphTimeoutMs?: number;
    urlOverrides?: Partial<Record<SubgraphName, string>>;
    /** Extra router settings, e.g. `{ APP_FREEFORM_OPERATIONS: 'false' }` to act as production. */
    routerEnv?: Record<string, string>;
    /** Deadline of a subgraph's call to a peer (default 3 s). */
    peerTimeoutMs?: number;
    /** Where the router and subgraphs log (default: silent, or the level in STACK_LOG). */
    logger?: Logger;
  } = {},
): Promise<Stack> {
  const logger = options.logger ?? createLogger('test', process.env.STACK_LOG ?? 'silent');
  const set = await startSubgraphs(databaseUrl, subgraphNames, {
    logger,
    ...(options.peerTimeoutMs ? { peerTimeoutMs: options.peerTimeoutMs } : {}),
  });
  const subgraphs = set.subgraphs as Record<SubgraphName, RunningSubgraph>;
  const { internalSecret, statements, tokenSettings } = set;
  const tokens = createTokens(tokenSettings);
  const settings = dbSettingsEnv({});
  const config = routerEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    SUBGRAPH_TIMEOUT_MS: String(options.subgraphTimeoutMs ?? 10_000),
    INTERNAL_SECRET: internalSecret,
    JWT_SECRET: tokenSettings.secret,
    ...rateLimitsOff,
    ...options.routerEnv,
    ...Object.fromEntries(
      subgraphNames.map((name) => [
        `${name.toUpperCase()}_URL`,
        options.urlOverrides?.[name] ?? subgraphs[name].url,
      ]),
    ),
  });
  const router = await serveRouter(config, logger);
  return {
    routerUrl: router.url,
    router,
    subgraphs,
    statements,
    internalSecret,
    tokens,
    tokenSettings,
    authAs: async (userId, roles = ['CUSTOMER']) => ({
      authorization: `Bearer ${(await tokens.issue({ userId, roles })).token}`,
    }),
    signedAs: set.signedAs,
    recoverOrders: async (overrides = {}) => {
      const database = createDb(
        dbOptionsFrom(settings, databaseUrl, 'mercato-test-recovery'),
        orderTables,
      );
      const peers = createPeers({
        urls: { catalog: subgraphs.catalog.url, inventory: subgraphs.inventory.url },
        internalSecret,
        timeoutMs: 5_000,
      });
      try {
        return await recoverOrders(
          // Counted on the orders server's registry, as its own recovery would be.
          { db: database.db, peers, logger, metrics: subgraphs.orders.metrics },
          { staleAfterMs: 0, giveUpAfterMs: 3_600_000, batchSize: 1_000, ...overrides },
        );
      } finally {
        await database.close();
      }
    },
    restartSubgraph: async (name, whileDown) => {
      const port = Number(new URL(subgraphs[name].url).port);
      await subgraphs[name].stop();
      try {
        await whileDown?.();
      } finally {
        await set.start(name, port);
      }
    },
    stop: async () => {
      await router.stop();
      await set.stop();
    },
  };
}

/** Counts HTTP requests that reach any of the stack's subgraphs from now on. */
export function countSubgraphRequests(stack: Pick<Stack, 'subgraphs'>): () => number {
  let count = 0;
  for (const name of subgraphNames) stack.subgraphs[name].server.on('request', () => count++);
  return () => count;
}

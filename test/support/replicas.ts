/**
 * A scaled-out deployment in this process: two router replicas and two orders replicas (each
 * running its recovery loop, as the orders process does), one of each other subgraph, every
 * replica on the file's database and the routers on one Redis. Router i sends orders traffic to
 * orders replica i, so clients spread over both routers spread over both orders replicas.
 */
import { dbOptionsFrom, dbSettingsEnv, subgraphNames, type SubgraphName } from '../../lib/env';
import { createLogger } from '../../lib/log';
import { serveSubgraph, type RunningSubgraph } from '../../lib/subgraph';
import { createTokens } from '../../lib/tokens';
import { routerEnv } from '../../router/env';
import { serveRouter, type RunningRouter } from '../../router/serve';
import { orders } from '../../subgraphs/orders/server';
import { rateLimitsOff, startSubgraphs, type SubgraphSet } from './stack';

export interface Replicas {
  routers: RunningRouter[];
  orders: RunningSubgraph[];
  /** accounts, catalog, inventory and reviews, one each. */
  others: SubgraphSet;
  internalSecret: string;
  /** The settings every router replica was started with (tests start more alike). */
  routerSettings: Record<string, string>;
  authAs(userId: number): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startReplicas(
  databaseUrl: string,
  options: { routerEnv: Record<string, string>; recoveryIntervalMs?: number },
): Promise<Replicas> {
  const logger = createLogger('test', process.env.STACK_LOG ?? 'silent');
  const others = await startSubgraphs(
    databaseUrl,
    subgraphNames.filter((name) => name !== 'orders'),
    { logger },
  );
  const url = (name: SubgraphName) => others.subgraphs[name]!.url;
  const ordersReplicas = await Promise.all(
    [1, 2].map((n) =>
      serveSubgraph(orders, {
        db: dbOptionsFrom(dbSettingsEnv({}), databaseUrl, `mercato-test-orders-${n}`),
        port: 0,
        host: '127.0.0.1',
        logger,
        internalSecret: others.internalSecret,
        peers: { catalog: url('catalog'), inventory: url('inventory') },
        // Both recover at once, each taking over every PENDING order it sees (stale after 0 ms):
        // the other replica's placements in flight included.
        background: {
          settings: {
            RECOVERY_INTERVAL_MS: options.recoveryIntervalMs ?? 200,
            RECOVERY_STALE_MS: 0,
            PENDING_GIVE_UP_MS: 15 * 60_000,
          },
        },
      }),
    ),
  );
  const routerSettings: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    INTERNAL_SECRET: others.internalSecret,
    JWT_SECRET: others.tokenSettings.secret,
    ...rateLimitsOff,
    ...options.routerEnv,
    ...Object.fromEntries(
      subgraphNames
        .filter((name) => name !== 'orders')
        .map((name) => [`${name.toUpperCase()}_URL`, url(name)]),
    ),
  };
  const routers = await Promise.all(
    ordersReplicas.map((replica) =>
      serveRouter(routerEnv({ ...routerSettings, ORDERS_URL: replica.url }), logger),
    ),
  );
  const tokens = createTokens(others.tokenSettings);
  return {
    routers,
    orders: ordersReplicas,
    others,
    internalSecret: others.internalSecret,
    routerSettings: { ...routerSettings, ORDERS_URL: ordersReplicas[0]!.url },
    authAs: async (userId) => ({
      authorization: `Bearer ${(await tokens.issue({ userId, roles: ['CUSTOMER'] })).token}`,
    }),
    stop: async () => {
      await Promise.all(routers.map((r) => r.stop()));
      await Promise.all(ordersReplicas.map((o) => o.stop()));
      await others.stop();
    },
  };
}

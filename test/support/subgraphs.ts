import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { createDb } from '../../lib/db';
import { dbOptionsFrom, dbSettingsEnv, type SubgraphName } from '../../lib/env';
import type { Viewer } from '../../lib/identity';
import { createLogger, type Logger } from '../../lib/log';
import { createPeers, type Peers } from '../../lib/peers';
import { fileDatabaseUrl } from './database';
import { gql, type GraphQLBody } from './graphql';
import { startSubgraphs, type SubgraphSet, type SubgraphSetOptions } from './stack';

/** The subgraph tier's harness: some subgraphs of one test file, on the file's own database. */
export interface TestSubgraphs {
  set: SubgraphSet;
  /** A direct connection to the file's database, for fixtures and checks. */
  sql: postgres.Sql;
  logger: Logger;
  /** The GraphQL URL of a running subgraph. */
  url(name: SubgraphName): string;
  /** Runs an operation on one subgraph, signed for `viewer` as the router would sign it. */
  call(
    name: SubgraphName,
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer,
  ): Promise<{ status: number; body: GraphQLBody }>;
  /**
   * A pool on the file's database with `tables`, closed after the file: what a use-case
   * (placement, recovery, credentials, partners) runs on when it is tested without its server.
   */
  db<T extends Record<string, unknown>>(tables: T): ReturnType<typeof createDb<T>>['db'];
  /** Peers as a subgraph process would have them, pointing at this file's running subgraphs. */
  peers(overrides?: Partial<Record<SubgraphName, string>>, timeoutMs?: number): Peers;
}

/** Starts `names` before the file's tests and stops them (and every pool opened) after. */
export function useSubgraphs(
  names: readonly SubgraphName[],
  options: SubgraphSetOptions = {},
): TestSubgraphs {
  const databaseUrl = fileDatabaseUrl();
  const closers: (() => Promise<void>)[] = [];
  const harness = {
    logger: createLogger('test', process.env.STACK_LOG ?? 'silent'),
  } as TestSubgraphs;
  beforeAll(async () => {
    harness.sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    harness.set = await startSubgraphs(databaseUrl, names, options);
  });
  afterAll(async () => {
    await harness.set?.stop();
    await Promise.all(closers.map((close) => close()));
    await harness.sql?.end();
  });
  harness.url = (name) => {
    const running = harness.set.subgraphs[name];
    if (!running) throw new Error(`${name} is not running in this file`);
    return running.url;
  };
  harness.call = async (name, query, variables = {}, viewer) =>
    await gql(harness.url(name), query, variables, harness.set.signedAs(viewer));
  harness.db = (tables) => {
    const database = createDb(
      dbOptionsFrom(dbSettingsEnv({}), databaseUrl, 'mercato-test-use-case'),
      tables,
    );
    closers.push(database.close);
    return database.db;
  };
  harness.peers = (overrides = {}, timeoutMs = 3_000) =>
    createPeers({
      urls: {
        ...Object.fromEntries(Object.entries(harness.set.subgraphs).map(([n, s]) => [n, s.url])),
        ...overrides,
      },
      internalSecret: harness.set.internalSecret,
      timeoutMs,
    });
  return harness;
}

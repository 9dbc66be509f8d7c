/**
 * Seeds all five subgraphs from one deterministic world. Each subgraph is written only through
 * its own connection (they may live in different databases), inside its own transaction; the
 * five transactions commit together once every subgraph has been written, so a failure
 * anywhere leaves every subgraph as it was rather than a half-seeded shop.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import { createDb, type Db } from '../../lib/db';
import { subgraphNames, type DbOptions, type SubgraphName } from '../../lib/env';
import { tables as accountsTables } from '../../subgraphs/accounts/db/schema';
import { tables as catalogTables } from '../../subgraphs/catalog/db/schema';
import { tables as inventoryTables } from '../../subgraphs/inventory/db/schema';
import { tables as ordersTables } from '../../subgraphs/orders/db/schema';
import { tables as reviewsTables } from '../../subgraphs/reviews/db/schema';
import {
  qualifiedName,
  type SeedSql,
  type TableProgress,
  type TableProgressListener,
} from './copy';
import {
  vacuumAnalyzeTables,
  syncIdentitySequences,
  tablesWithRows,
  truncateTables,
  withIndexesDeferred,
} from './tables';
import { createWorld, DEFAULT_SCALE, DEFAULT_SEED, type World } from './world';
import { seedAccounts } from './writers/accounts';
import { seedCatalog } from './writers/catalog';
import { seedInventory } from './writers/inventory';
import { seedOrders } from './writers/orders';
import { seedReviews } from './writers/reviews';

export { createWorld, countsForScale, DEFAULT_SCALE, DEFAULT_SEED, DEFAULT_UNTIL } from './world';
export type { World, WorldCounts } from './world';

type SubgraphSeeder = (
  sql: SeedSql,
  world: World,
  onProgress?: TableProgressListener,
) => Promise<void>;

const subgraphSeeds: Record<SubgraphName, { tables: readonly PgTable[]; seed: SubgraphSeeder }> = {
  // Partners are not seed data: their keys survive a reseed (--reset truncates users only).
  accounts: { tables: [accountsTables.users], seed: seedAccounts },
  catalog: { tables: Object.values(catalogTables), seed: seedCatalog },
  inventory: { tables: Object.values(inventoryTables), seed: seedInventory },
  orders: { tables: Object.values(ordersTables), seed: seedOrders },
  reviews: { tables: Object.values(reviewsTables), seed: seedReviews },
};

export interface SeedProgress extends TableProgress {
  subgraph: SubgraphName;
}

export interface SeedAllOptions {
  /** Each subgraph's database; the schemas must already be migrated. */
  urls: Record<SubgraphName, DbOptions>;
  /** Size: 1 is a realistic small shop, 250 gives a million reviews. Default 1. */
  scale?: number;
  /** Same seed and scale ⇒ identical rows, ids included. Default 42. */
  seed?: number;
  /** Truncate the subgraphs' tables first; without it, seeding a non-empty table is refused. */
  reset?: boolean;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedSummary {
  seed: number;
  scale: number;
  /** Rows written per schema-qualified table, subgraph by subgraph. */
  rows: Record<string, number>;
  durationMs: number;
}

/** Thrown, before anything is written, when tables already hold rows and `reset` is off. */
export class SeedConflictError extends Error {
  constructor(public readonly tables: string[]) {
    super(
      `Refusing to seed: ${tables.join(', ')} already contain rows; --reset (reset: true) replaces them`,
    );
    this.name = 'SeedConflictError';
  }
}

/** One single-connection pool per subgraph: each writes in one transaction. */
function openSeedConnections(
  urls: Record<SubgraphName, DbOptions>,
): Record<SubgraphName, Db<Record<string, never>>> {
  const open = (name: SubgraphName) =>
    createDb({ ...urls[name], poolMax: 1, applicationName: `mercato-seed-${name}` }, {});
  return {
    accounts: open('accounts'),
    catalog: open('catalog'),
    inventory: open('inventory'),
    orders: open('orders'),
    reviews: open('reviews'),
  };
}

export async function seedAll(options: SeedAllOptions): Promise<SeedSummary> {
  const started = performance.now();
  const world = createWorld({
    seed: options.seed ?? DEFAULT_SEED,
    scale: options.scale ?? DEFAULT_SCALE,
  });
  const connections = openSeedConnections(options.urls);
  const counted = new Map<string, number>();
  try {
    if (!options.reset) {
      const occupied: string[] = [];
      for (const name of subgraphNames) {
        occupied.push(...(await tablesWithRows(connections[name].sql, subgraphSeeds[name].tables)));
      }
      if (occupied.length > 0) throw new SeedConflictError(occupied);
    }

    // Every transaction waits at this gate after writing, so all commit or all roll back.
    let openGate!: () => void;
    let failGate!: (error: unknown) => void;
    const gate = new Promise<void>((resolve, reject) => {
      openGate = resolve;
      failGate = reject;
    });
    gate.catch(() => {}); // the failure is reported by the subgraph that caused it

    const runs = subgraphNames.map((name) => {
      let wrote!: () => void;
      let failed!: (error: unknown) => void;
      const written = new Promise<void>((resolve, reject) => {
        wrote = resolve;
        failed = reject;
      });
      const committed = connections[name].sql.begin(async (tx) => {
        try {
          await writeSubgraph(tx, name, world, options.reset ?? false, (progress) => {
            counted.set(progress.table, progress.done);
            options.onProgress?.({ ...progress, subgraph: name });
          });
          wrote();
        } catch (error) {
          failed(error);
          throw error;
        }
        await gate;
      });
      // BEGIN itself may fail (connection refused) before the callback runs.
      committed.catch(failed);
      return { written, committed };
    });

    const writes = await Promise.allSettled(runs.map((run) => run.written));
    const failure = writes.find((outcome) => outcome.status === 'rejected');
    if (failure) failGate(failure.reason);
    else openGate();
    const commits = await Promise.allSettled(runs.map((run) => run.committed));
    if (failure) throw failure.reason;
    const commitFailure = commits.find((outcome) => outcome.status === 'rejected');
    if (commitFailure) throw commitFailure.reason;
    await Promise.all(
      subgraphNames.map((name) =>
        vacuumAnalyzeTables(connections[name].sql, subgraphSeeds[name].tables),
      ),
    );
  } finally {
    await Promise.all(subgraphNames.map((name) => connections[name].close()));
  }
  const rows: Record<string, number> = {};
  for (const name of subgraphNames) {
    for (const table of subgraphSeeds[name].tables) {
      const qualified = qualifiedName(table);
      rows[qualified] = counted.get(qualified) ?? 0;
    }
  }
  return { seed: world.seed, scale: world.scale, rows, durationMs: performance.now() - started };
}

/** One subgraph's share of the seed, inside its transaction. */
async function writeSubgraph(
  tx: SeedSql,
  name: SubgraphName,
  world: World,
  reset: boolean,
  onProgress: TableProgressListener,
): Promise<void> {
  const { tables, seed } = subgraphSeeds[name];
  // COPY of a large table and its index builds outlast the pool's per-statement timeout, and
  // createDb cannot lift it (postgres.js drops falsy startup parameters such as 0).
  await tx`set local statement_timeout = 0`;
  if (reset) await truncateTables(tx, tables);
  await withIndexesDeferred(tx, tables, () => seed(tx, world, onProgress));
  await syncIdentitySequences(tx, tables);
}

import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDb } from './db';
import type { DbOptions, SubgraphName } from './env';
import { root } from './paths';

export function migrationsFolder(name: SubgraphName): string {
  return path.join(root, 'subgraphs', name, 'db', 'migrations');
}

/**
 * Applies a subgraph's committed drizzle-kit migrations. Each subgraph keeps its own journal
 * table, and an advisory lock serialises replicas that start at the same moment.
 */
export async function migrateSubgraph(name: SubgraphName, options: DbOptions): Promise<void> {
  const { db, sql, close } = createDb({ ...options, poolMax: 1 }, {});
  try {
    await sql`select pg_advisory_lock(hashtext('mercato-migrate'))`;
    await migrate(db, {
      migrationsFolder: migrationsFolder(name),
      migrationsSchema: 'drizzle',
      migrationsTable: `${name}_migrations`,
    });
    await sql`select pg_advisory_unlock(hashtext('mercato-migrate'))`;
  } finally {
    await close();
  }
}

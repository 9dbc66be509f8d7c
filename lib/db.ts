import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbOptions } from './env';

export type Sql = postgres.Sql;

export interface Db<TSchema extends Record<string, unknown>> {
  /** The drizzle query builder: typed queries. */
  db: PostgresJsDatabase<TSchema>;
  /** The underlying postgres.js client: COPY, raw SQL in migrations and seeds. */
  sql: Sql;
  close(): Promise<void>;
}

export interface CreateDbOptions extends DbOptions {
  /** Called with the text of every statement sent; tests count statements with it. */
  onQuery?: (query: string) => void;
}

/**
 * Opens a pool with explicit limits. Every connection carries a statement timeout so one slow
 * query cannot hold a connection (and, through it, the pool) forever.
 */
export function createDb<TSchema extends Record<string, unknown>>(
  options: CreateDbOptions,
  schema: TSchema,
): Db<TSchema> {
  const onQuery = options.onQuery;
  const sql = postgres(options.url, {
    max: options.poolMax,
    connect_timeout: options.connectTimeoutS,
    idle_timeout: options.idleTimeoutS,
    connection: {
      application_name: options.applicationName,
      statement_timeout: options.statementTimeoutMs,
    },
    onnotice: () => {},
    // Array parameters go as literals (lib/sql.ts), so no per-connection type lookup is needed.
    fetch_types: false,
    ...(onQuery ? { debug: (_connection: number, query: string) => onQuery(query) } : {}),
  });
  return {
    db: drizzle({ client: sql, schema }),
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}

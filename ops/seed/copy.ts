/**
 * Bulk loading with COPY ... FROM STDIN in PostgreSQL's text format: one round trip per table
 * and no per-row statement overhead, which is what makes a million reviews take seconds.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';

/** A connection or a transaction: the seed writers run inside a transaction. */
export type SeedSql = postgres.ISql;

export interface TableProgress {
  /** Schema-qualified, e.g. "reviews.reviews". */
  table: string;
  done: number;
  total: number;
}

export type TableProgressListener = (progress: TableProgress) => void;

/**
 * A table's insert row with every column present. Requiring columns that have defaults
 * (created_at, currency) is deliberate: a default such as now() would make the seed differ
 * from run to run.
 */
export type CompleteRow<T extends PgTable> = Required<T['$inferInsert']>;

/** Aim for chunks of about this many characters: big enough to amortise stream overhead. */
const CHUNK_CHARS = 64 * 1024;

export function qualifiedName(table: PgTable): string {
  const { schema, name } = getTableConfig(table);
  return schema ? `${schema}.${name}` : name;
}

/**
 * postgres.js 3.4 never settles a COPY writable when the server rejects the data after the
 * last chunk was sent (porsager/postgres#1173): awaiting the stream would hang, and inside
 * sql.begin() the transaction would never roll back. The error does reach the query's own
 * reject hook, so listen there as well. Without such a hook (a future version) this never
 * settles and the stream's own error reporting is relied on.
 */
function serverRejection(query: object): Promise<never> {
  return new Promise<never>((_, reject) => {
    const hooked = query as { reject?: unknown };
    const original = hooked.reject;
    if (typeof original !== 'function') return;
    hooked.reject = (error: unknown) => {
      reject(error);
      return original.call(query, error);
    };
  });
}

const specialChars = /[\\\t\n\r]/g;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY text format: backslash, tab and line breaks escaped; null is \N. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return text.replace(specialChars, (ch) => escapes[ch] ?? ch);
}

/**
 * Streams `rows` into `table` with COPY, every column in declaration order, and returns the
 * number of rows written. Backpressure comes from the socket, so rows are generated only as
 * fast as PostgreSQL takes them and memory stays flat however many there are.
 */
export async function copyInto<T extends PgTable>(
  sql: SeedSql,
  table: T,
  rows: Iterable<CompleteRow<T>>,
  total: number,
  onProgress: TableProgressListener = () => {},
): Promise<number> {
  const name = qualifiedName(table);
  const columns = Object.entries(getTableColumns(table));
  let done = 0;
  onProgress({ table: name, done, total });

  function* chunks(): Generator<string> {
    let chunk = '';
    let inChunk = 0;
    for (const row of rows) {
      // The generic row type cannot be indexed by a runtime key; the keys come from the
      // same table's column map, so the lookup is sound.
      const record = row as Record<string, unknown>;
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const key = columns[i]?.[0] ?? '';
        line += (i === 0 ? '' : '\t') + copyField(record[key]);
      }
      chunk += line + '\n';
      inChunk++;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        done += inChunk;
        onProgress({ table: name, done, total });
        chunk = '';
        inChunk = 0;
      }
    }
    if (chunk) {
      yield chunk;
      done += inChunk;
      onProgress({ table: name, done, total });
    }
  }

  const query = sql`copy ${sql(name)} (${sql(columns.map(([, column]) => column.name))}) from stdin`;
  const rejected = serverRejection(query);
  const source = Readable.from(chunks());
  const streamed = pipeline(source, await query.writable());
  // Whichever settles first wins; the loser must not surface as an unhandled rejection.
  streamed.catch(() => {});
  rejected.catch(() => {});
  try {
    await Promise.race([streamed, rejected]);
  } catch (error) {
    source.destroy();
    throw error;
  }
  return done;
}

import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../lib/db';
import { dbOptionsFrom, dbSettingsEnv } from '../lib/env';
import { anyInt } from '../lib/sql';
import { productsByIds } from '../subgraphs/catalog/db/products';
import { products, tables } from '../subgraphs/catalog/db/schema';
import { fileDatabaseUrl } from './support/database';

/**
 * lib/db.ts prepares every statement drizzle sends, which drizzle itself would send unnamed:
 * parsed and planned afresh by PostgreSQL on every call. With one pooled connection the
 * session's own pg_prepared_statements shows which texts it holds prepared.
 */
const database = createDb(
  { ...dbOptionsFrom(dbSettingsEnv({}), fileDatabaseUrl(), 'prepared-test'), poolMax: 1 },
  tables,
);
afterAll(() => database.close());

type Prepared = { statement: string }[];
const preparedOn = async (db: Pick<typeof database.db, 'execute'>) =>
  (await db.execute<{ statement: string }>(
    sql`select statement from pg_prepared_statements`,
  )) as unknown as Prepared;

describe('statements drizzle sends', () => {
  it('are prepared once per connection, whatever the keys, and answer as before', async () => {
    const lookup = (ids: number[]) =>
      database.db.select().from(products).where(anyInt(products.id, ids));
    const one = await lookup([1]);
    const two = await lookup([1, 2]);
    expect(one.map((p) => p.id)).toEqual([1]);
    expect(two.map((p) => p.id).sort()).toEqual([1, 2]);
    expect(two[0]!.createdAt).toBeInstanceOf(Date);
    const text = lookup([3]).toSQL().sql;
    const held = (await preparedOn(database.db)).filter((p) => p.statement === text);
    // One prepared statement serves both calls: the keys are its parameter, not its text.
    expect(held).toHaveLength(1);
  });

  it('built once (lib/sql.ts builtOnce) serve only the handle they were built on', async () => {
    const other = createDb(
      { ...dbOptionsFrom(dbSettingsEnv({}), fileDatabaseUrl(), 'prepared-test-2'), poolMax: 1 },
      tables,
    );
    try {
      expect((await productsByIds(other.db, [1])).map((p) => p.id)).toEqual([1]);
      expect((await productsByIds(database.db, [2, 3])).map((p) => p.id).sort()).toEqual([2, 3]);
      // Were the statement built on `other` used for `database`, this would go to a closed pool.
      await other.close();
      await expect(productsByIds(other.db, [4])).rejects.toThrow();
      expect((await productsByIds(database.db, [4])).map((p) => p.id)).toEqual([4]);
    } finally {
      await other.close();
    }
  });

  it('are prepared inside transactions and savepoints too', async () => {
    const marker = sql`select ${42}::int as answer, 'tx-marker' as tag`;
    const nestedMarker = sql`select ${7}::int as answer, 'savepoint-marker' as tag`;
    const seen = await database.db.transaction(async (tx) => {
      await tx.execute(marker);
      const nested = await tx.transaction(async (inner) => {
        await inner.execute(nestedMarker);
        return await preparedOn(inner);
      });
      return nested;
    });
    const texts = seen.map((p) => p.statement);
    expect(texts.some((t) => t.includes('tx-marker'))).toBe(true);
    expect(texts.some((t) => t.includes('savepoint-marker'))).toBe(true);
  });
});

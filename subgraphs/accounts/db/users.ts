import { anyInt } from '../../../lib/sql';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { users, type UserRow, type tables } from './schema';

export type AccountsDb = PostgresJsDatabase<typeof tables>;

export async function usersByIds(db: AccountsDb, ids: readonly number[]): Promise<UserRow[]> {
  return await db.select().from(users).where(anyInt(users.id, ids));
}

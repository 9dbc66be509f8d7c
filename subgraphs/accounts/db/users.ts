import { eq } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { anyIntKeys, builtOnce, keys, violatesUnique } from '../../../lib/sql';
import { users, type UserRow, type tables } from './schema';
import { statement } from '../../../lib/statements';

export type AccountsDb = PostgresJsDatabase<typeof tables>;

const usersByIdsQuery = builtOnce((db: AccountsDb) =>
  db.select().from(users).where(anyIntKeys(users.id)).prepare('usersByIds'),
);

export const usersByIds = statement(
  'usersByIds',
  async function usersByIds(db: AccountsDb, ids: readonly number[]): Promise<UserRow[]> {
    return await usersByIdsQuery(db).execute(keys(ids));
  },
);

/** The user with this (already normalised) email, if any. */
export const userByEmail = statement(
  'userByEmail',
  async function userByEmail(db: AccountsDb, email: string): Promise<UserRow | null> {
    const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    return row ?? null;
  },
);

/**
 * Inserts a customer. Null when the email is taken — including by a concurrent sign-up that
 * committed between our check and this insert (the unique index decides, 23505).
 */
export const insertCustomer = statement(
  'insertCustomer',
  async function insertCustomer(
    db: AccountsDb,
    params: { name: string; email: string; passwordHash: string },
  ): Promise<UserRow | null> {
    try {
      const [row] = await db
        .insert(users)
        .values({ ...params, role: 'CUSTOMER' })
        .returning();
      if (!row) throw new Error('insert into accounts.users returned no row');
      return row;
    } catch (error) {
      if (violatesUnique(error, 'users_email_key')) return null;
      throw error;
    }
  },
);

/** Replaces a user's password hash (after a logIn, when the hash parameters were raised). */
export const setPasswordHash = statement(
  'setPasswordHash',
  async function setPasswordHash(
    db: AccountsDb,
    params: { userId: number; passwordHash: string },
  ): Promise<void> {
    await db
      .update(users)
      .set({ passwordHash: params.passwordHash })
      .where(eq(users.id, params.userId));
  },
);

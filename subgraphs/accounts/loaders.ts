import { byKey, namedLoader, type BatchObserver } from '../../lib/batch';
import type { UserRow } from './db/schema';
import { usersByIds, type AccountsDb } from './db/users';

/** Per-request loaders: every lookup below issues one statement per batch of keys. */
export function createLoaders(db: AccountsDb, observe: BatchObserver) {
  return {
    userById: namedLoader<number, UserRow | null>(observe, 'userById', async (ids) =>
      byKey(ids, await usersByIds(db, ids), (u) => u.id),
    ),
  };
}

export type AccountsLoaders = ReturnType<typeof createLoaders>;

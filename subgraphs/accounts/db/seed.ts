import {
  copyInto,
  type CompleteRow,
  type SeedSql,
  type TableProgressListener,
} from '../../../scripts/seed/copy';
import type { World } from '../../../scripts/seed/world';
import { users } from './schema';

/** Writes the world's users (the admin first) into accounts.users. */
export async function seedAccounts(
  sql: SeedSql,
  world: World,
  onProgress?: TableProgressListener,
): Promise<void> {
  function* rows(): Generator<CompleteRow<typeof users>> {
    for (const user of world.users()) {
      yield {
        id: user.id,
        name: user.name,
        email: user.email,
        // Seeded accounts cannot log in; sign up to get one that can.
        passwordHash: null,
        role: user.role,
        createdAt: user.createdAt,
      };
    }
  }
  await copyInto(sql, users, rows(), world.counts.users, onProgress);
}

import { copyInto, type CompleteRow, type SeedSql, type TableProgressListener } from '../copy';
import { rngFor } from '../prng';
import { demoPasswords } from '../users';
import type { World } from '../world';
import { hashPassword } from '../../../subgraphs/accounts/passwords';
import { users } from '../../../subgraphs/accounts/db/schema';

/**
 * The demo accounts' password hashes, made with the real KDF so logIn treats them like any
 * other. The salt comes from the seed's random streams, not the system's, so the same seed
 * writes byte-identical rows.
 */
async function demoPasswordHashes(world: World): Promise<Map<number, string>> {
  const entries = [...demoPasswords].filter(([id]) => id <= world.counts.users);
  const hashes = await Promise.all(
    entries.map(async ([id, password]) => {
      const rng = rngFor(world.seed, 'password-salt', id);
      const salt = Buffer.alloc(16);
      for (let offset = 0; offset < salt.length; offset += 4)
        salt.writeUInt32BE(rng.uint32(), offset);
      return [id, await hashPassword(password, salt)] as const;
    }),
  );
  return new Map(hashes);
}

/** Writes the world's users (the admin first) into accounts.users. */
export async function seedAccounts(
  sql: SeedSql,
  world: World,
  onProgress?: TableProgressListener,
): Promise<void> {
  const passwordHashes = await demoPasswordHashes(world);
  function* rows(): Generator<CompleteRow<typeof users>> {
    for (const user of world.users()) {
      yield {
        id: user.id,
        name: user.name,
        email: user.email,
        // Only the demo accounts can log in; sign up to get another that can.
        passwordHash: passwordHashes.get(user.id) ?? null,
        role: user.role,
        createdAt: user.createdAt,
      };
    }
  }
  await copyInto(sql, users, rows(), world.counts.users, onProgress);
}

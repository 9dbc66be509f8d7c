import { ADMIN_ID, at, FIRST_CUSTOMER_ID, type Facts } from './facts';
import { firstNames, lastNames } from './people-vocab';
import { rngFor } from './prng';

export interface SeedUser {
  id: number;
  name: string;
  email: string;
  role: 'CUSTOMER' | 'ADMIN';
  createdAt: Date;
}

/**
 * Known passwords for demo sign-in in development: the admin (user 1, admin@mercato.dev) and the
 * first customer (user 2). Every other seeded account has no password and cannot log in. Seed
 * data is for development and tests only; never seed a production database.
 */
export const demoPasswords: ReadonlyMap<number, string> = new Map([
  [ADMIN_ID, 'mercato-admin-password'],
  [FIRST_CUSTOMER_ID, 'mercato-demo-password'],
]);

/** The admin, then the customers, by id. */
export function* generateUsers(facts: Facts): Generator<SeedUser> {
  yield {
    id: ADMIN_ID,
    name: 'Ada Admin',
    email: 'admin@mercato.dev',
    role: 'ADMIN',
    createdAt: new Date(at(facts.userCreated, ADMIN_ID - 1, 'user')),
  };
  for (let id = FIRST_CUSTOMER_ID; id <= facts.counts.users; id++) {
    const rng = rngFor(facts.seed, 'user', id);
    const first = rng.pick(firstNames);
    const last = rng.pick(lastNames);
    yield {
      id,
      name: `${first} ${last}`,
      // The id keeps the address unique however often a name repeats.
      email: `${first}.${last}.${id}@example.com`.toLowerCase(),
      role: 'CUSTOMER',
      createdAt: new Date(at(facts.userCreated, id - 1, 'user')),
    };
  }
}

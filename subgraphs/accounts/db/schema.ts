import { index, integer, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const accounts = pgSchema('accounts');

export const userRole = accounts.enum('user_role', ['CUSTOMER', 'ADMIN']);

export const users = accounts.table(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    /** Stored normalised (trimmed, NFKC, lower case); unique. */
    email: text('email').notNull(),
    /** scrypt hash with its salt and parameters; null for accounts that cannot log in. */
    passwordHash: text('password_hash'),
    role: userRole('role').notNull().default('CUSTOMER'),
    // Millisecond precision so a JavaScript Date round-trips exactly through keyset cursors.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  // Ascending indexes serve descending orders too (scanned backward); drizzle's .desc() would
  // write DESC NULLS LAST, which does not match ORDER BY … DESC (NULLS FIRST) and goes unused.
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    index('users_created_at_idx').on(t.createdAt, t.id),
  ],
);

export type UserRow = typeof users.$inferSelect;

/**
 * Partner integrations and their API keys. The key itself is never stored: only its first
 * characters (to recognise it in a list) and its SHA-256. A key is 32 random bytes, so a fast
 * unsalted hash is safe here — guessing 2^256 candidates is hopeless at any speed, unlike a
 * password — and it lets the router's check be one unique-index lookup instead of a slow KDF run
 * per request.
 */
export const partners = accounts.table(
  'partners',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    /** The key's first characters (`mk_live_` and 8 more): shown in lists, accepted by revoke. */
    keyPrefix: text('key_prefix').notNull(),
    /** SHA-256 of the whole key, lower-case hex. */
    keyHash: text('key_hash').notNull(),
    /** Persisted operations the partner may run; null means the standard partner list. */
    operations: text('operations').array(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    /** Set when the key is revoked; a revoked key never verifies again. */
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('partners_key_hash_key').on(t.keyHash),
    index('partners_key_prefix_idx').on(t.keyPrefix),
  ],
);

export type PartnerRow = typeof partners.$inferSelect;
export const tables = { users, partners };

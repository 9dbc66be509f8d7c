import { index, integer, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const accounts = pgSchema('accounts');

export const userRole = accounts.enum('user_role', ['CUSTOMER', 'ADMIN']);

export const users = accounts.table(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    /** Stored normalised (trimmed, lower case); unique. */
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
export const tables = { users };

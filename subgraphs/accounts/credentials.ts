/**
 * Signing up and logging in: input rules, password checks and the data calls, without GraphQL.
 * Expected failures are returned as UserErrors (DESIGN.md §2), never thrown.
 */
import type { UserError as SharedUserError } from '../../lib/user-error';
import type { UserRow } from './db/schema';
import { insertCustomer, setPasswordHash, userByEmail, type AccountsDb } from './db/users';
import { hashPassword, needsRehash, normalisePassword, verifyPassword } from './passwords';
import { normaliseEmail } from '../../contracts/credentials';

export type UserErrorCode =
  'INVALID_NAME' | 'INVALID_EMAIL' | 'EMAIL_TAKEN' | 'WEAK_PASSWORD' | 'INVALID_CREDENTIALS';

export type UserError = SharedUserError<UserErrorCode>;

export type AuthResult = { ok: true; user: UserRow } | { ok: false; errors: UserError[] };

export const NAME_MAX = 100;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
/** RFC 5321's limits on a deliverable address. */
const EMAIL_MAX = 254;
const LOCAL_PART_MAX = 64;

/** Length in characters (code points), not UTF-16 units. */
const length = (text: string) => [...text].length;

/**
 * A pragmatic address check: one @, a local part and a dotted domain, no spaces or controls.
 * Deliverability is for a confirmation mail to prove, not for a regular expression.
 */
const emailShape = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}.]+$/u;

function emailError(email: string): UserError | null {
  const local = email.split('@')[0] ?? '';
  const valid =
    length(email) <= EMAIL_MAX &&
    length(local) <= LOCAL_PART_MAX &&
    emailShape.test(email) &&
    !email.includes('..');
  return valid
    ? null
    : { code: 'INVALID_EMAIL', message: 'Enter a valid email address.', field: 'email' };
}

function normaliseName(name: string): string {
  return name.normalize('NFKC').trim();
}

function nameError(name: string): UserError | null {
  const ok = length(name) >= 1 && length(name) <= NAME_MAX && !/\p{Cc}/u.test(name);
  return ok
    ? null
    : {
        code: 'INVALID_NAME',
        message: `Enter a name of 1 to ${NAME_MAX} characters, without control characters.`,
        field: 'name',
      };
}

/**
 * Very common passwords of at least PASSWORD_MIN characters (shorter ones fail on length), from
 * the top of public breach lists. A small guard, not a breach-corpus check.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '0987654321',
  '12345678910',
  '123456789a',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'abcdefghij',
  'abcd123456',
  'administrator',
  'iloveyou123',
  'letmein123',
  'password01',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'qwertyuiop123',
  'welcome123',
  'changeme123',
  'football123',
  'baseball123',
  'mercato123',
  'mercato1234',
]);

function passwordError(password: string, email: string, name: string): UserError | null {
  const weak = (message: string): UserError => ({
    code: 'WEAK_PASSWORD',
    message,
    field: 'password',
  });
  const normalised = normalisePassword(password);
  const chars = length(normalised);
  if (chars < PASSWORD_MIN) return weak(`Use at least ${PASSWORD_MIN} characters.`);
  if (chars > PASSWORD_MAX) return weak(`Use at most ${PASSWORD_MAX} characters.`);
  const lower = normalised.toLowerCase();
  const personal = [email, email.split('@')[0] ?? '', name.toLowerCase()];
  if (personal.some((value) => value !== '' && lower === value)) {
    return weak('Do not use your email address or name as your password.');
  }
  if (COMMON_PASSWORDS.has(lower)) return weak('This password is too common; choose another.');
  if (new Set(normalised).size === 1) {
    return weak('Do not use one character repeated; choose another password.');
  }
  return null;
}

const emailTaken: UserError = {
  code: 'EMAIL_TAKEN',
  message: 'An account with this email address already exists.',
  field: 'email',
};

/** Validates, hashes and inserts a new customer; nothing is written when any rule fails. */
export async function signUp(
  db: AccountsDb,
  input: { name: string; email: string; password: string },
): Promise<AuthResult> {
  const name = normaliseName(input.name);
  const email = normaliseEmail(input.email);
  const errors = [
    nameError(name),
    emailError(email),
    passwordError(input.password, email, name),
  ].filter((error): error is UserError => error !== null);
  if (errors.length > 0) return { ok: false, errors };
  // Cheap check first, so a taken address costs no scrypt run; the insert still decides races.
  if (await userByEmail(db, email)) return { ok: false, errors: [emailTaken] };
  const passwordHash = await hashPassword(input.password);
  const user = await insertCustomer(db, { name, email, passwordHash });
  return user ? { ok: true, user } : { ok: false, errors: [emailTaken] };
}

const invalidCredentials: UserError = {
  code: 'INVALID_CREDENTIALS',
  message: 'The email address or password is incorrect.',
  field: null,
};

/**
 * Checks an email and password. Unknown email, wrong password and an account without a
 * password all give the same error after the same work (one lookup, one scrypt run), so neither
 * the answer nor its timing tells whether an address has an account.
 */
export async function logIn(
  db: AccountsDb,
  input: { email: string; password: string },
): Promise<AuthResult> {
  const user = await userByEmail(db, normaliseEmail(input.email));
  const stored = user?.passwordHash ?? null;
  const matches = await verifyPassword(input.password, stored);
  if (!user || !stored || !matches) return { ok: false, errors: [invalidCredentials] };
  if (needsRehash(stored)) {
    await setPasswordHash(db, {
      userId: user.id,
      passwordHash: await hashPassword(input.password),
    });
  }
  return { ok: true, user };
}

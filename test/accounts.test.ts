import { scrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CURRENT_PARAMS,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../subgraphs/accounts/passwords';
import { gql, type GraphQLBody } from './support/graphql';
import { useSupergraph } from './support/supergraph';

/**
 * DESIGN.md §2 and §4: signUp and logIn through the router. Expected failures are UserErrors in
 * the payload; passwords are stored only as scrypt hashes; a logIn failure says nothing about
 * whether the address has an account, in its answer or in its timing.
 */
const supergraph = useSupergraph();

interface UserErrorBody {
  code: string;
  message: string;
  field: string | null;
}

interface AuthPayloadBody {
  token: string | null;
  expiresAt: string | null;
  user: { id: string; name: string; email: string | null } | null;
  errors: UserErrorBody[];
}

const PAYLOAD = 'token expiresAt user { id name email } errors { code message field }';
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { ${PAYLOAD} } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { ${PAYLOAD} } }`;

function payloadOf(body: GraphQLBody, field: 'signUp' | 'logIn'): AuthPayloadBody {
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data?.[field] as AuthPayloadBody;
}

async function signUp(input: { name: string; email: string; password: string }) {
  const { status, body } = await gql(supergraph.stack.routerUrl, SIGN_UP, { input });
  expect(status).toBe(200);
  return payloadOf(body, 'signUp');
}

async function logIn(input: { email: string; password: string }) {
  const { status, body } = await gql(supergraph.stack.routerUrl, LOG_IN, { input });
  expect(status).toBe(200);
  return payloadOf(body, 'logIn');
}

let serial = 0;
/** An address no other test (or run) uses. */
function freshEmail(tag: string): string {
  serial += 1;
  return `${tag}-${process.pid}-${Date.now()}-${serial}@example.com`;
}

const PASSWORD = 'correct horse battery staple';

async function usersWithEmail(email: string): Promise<number> {
  const [row] = await supergraph.sql<{ n: number }[]>`
    select count(*)::int as n from accounts.users where email = ${email}`;
  return row!.n;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('signUp', () => {
  it('creates a customer, signs it in and stores the email normalised', async () => {
    const email = freshEmail('Grace.Hopper');
    const before = Date.now();
    const payload = await signUp({
      name: '  Grace Hopper ',
      email: `  ${email.toUpperCase()} `,
      password: PASSWORD,
    });
    expect(payload.errors).toEqual([]);
    expect(payload.user).toMatchObject({ name: 'Grace Hopper', email: email.toLowerCase() });
    const claims = await supergraph.stack.tokens.verify(payload.token!);
    expect(claims).toEqual({ userId: Number(payload.user!.id), roles: ['CUSTOMER'] });
    const expires = Date.parse(payload.expiresAt!);
    expect(expires).toBeGreaterThanOrEqual(before + 3_599_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3_601_000);

    const [row] = await supergraph.sql<{ email: string; role: string; password_hash: string }[]>`
      select email, role, password_hash from accounts.users where id = ${Number(payload.user!.id)}`;
    expect(row!.email).toBe(email.toLowerCase());
    expect(row!.role).toBe('CUSTOMER');
    // Self-describing scrypt hash; the password itself appears nowhere.
    expect(row!.password_hash).toMatch(
      /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/,
    );
    expect(row!.password_hash).not.toContain(PASSWORD);
  });

  it('normalises the email with NFKC before lower-casing it', async () => {
    // Fullwidth letters (a common paste artefact) fold to ASCII under NFKC.
    const email = freshEmail('nfkc');
    const fullwidth = email.replace('nfkc', 'ＮＦＫＣ');
    const payload = await signUp({ name: 'Nina Fullwidth', email: fullwidth, password: PASSWORD });
    expect(payload.errors).toEqual([]);
    expect(payload.user!.email).toBe(email);
  });

  const long = (n: number, ch = 'x') => ch.repeat(n);
  const cases: {
    what: string;
    input: (email: string) => { name: string; email: string; password: string };
    code: string;
    field: string;
  }[] = [
    {
      what: 'an empty name',
      input: (e) => ({ name: '   ', email: e, password: PASSWORD }),
      code: 'INVALID_NAME',
      field: 'name',
    },
    {
      what: 'a name over 100 characters',
      input: (e) => ({ name: long(101, 'n'), email: e, password: PASSWORD }),
      code: 'INVALID_NAME',
      field: 'name',
    },
    {
      what: 'a name with a control character',
      input: (e) => ({ name: 'Bad\u0007Name', email: e, password: PASSWORD }),
      code: 'INVALID_NAME',
      field: 'name',
    },
    {
      what: 'an email without @',
      input: (e) => ({ name: 'Ann', email: e.replace('@', ''), password: PASSWORD }),
      code: 'INVALID_EMAIL',
      field: 'email',
    },
    {
      what: 'an email without a dotted domain',
      input: (e) => ({
        name: 'Ann',
        email: e.replace('example.com', 'localhost'),
        password: PASSWORD,
      }),
      code: 'INVALID_EMAIL',
      field: 'email',
    },
    {
      what: 'an email with a space inside',
      input: (e) => ({ name: 'Ann', email: e.replace('@', ' @'), password: PASSWORD }),
      code: 'INVALID_EMAIL',
      field: 'email',
    },
    {
      what: 'an email over 254 characters',
      input: () => ({
        name: 'Ann',
        email: `${long(60, 'a')}@${long(200, 'b')}.com`,
        password: PASSWORD,
      }),
      code: 'INVALID_EMAIL',
      field: 'email',
    },
    {
      what: 'a password under 10 characters',
      input: (e) => ({ name: 'Ann', email: e, password: 'Sh0rt!pw' }),
      code: 'WEAK_PASSWORD',
      field: 'password',
    },
    {
      what: 'a password over 200 characters',
      input: (e) => ({ name: 'Ann', email: e, password: long(201, 'ab') }),
      code: 'WEAK_PASSWORD',
      field: 'password',
    },
    {
      what: 'the email as password',
      input: (e) => ({ name: 'Ann', email: e, password: e.toUpperCase() }),
      code: 'WEAK_PASSWORD',
      field: 'password',
    },
    {
      what: 'the name as password',
      input: (e) => ({ name: 'Annabel Lee-Smith', email: e, password: 'annabel lee-smith' }),
      code: 'WEAK_PASSWORD',
      field: 'password',
    },
    {
      what: 'a very common password',
      input: (e) => ({ name: 'Ann', email: e, password: 'Password123' }),
      code: 'WEAK_PASSWORD',
      field: 'password',
    },
    {
      what: 'one character repeated',
      input: (e) => ({ name: 'Ann', email: e, password: 'zzzzzzzzzzzzzz' }),
      code: 'WEAK_PASSWORD',
      field: 'password',
    },
  ];

  it.each(cases)(
    'refuses $what with $code on $field and writes nothing',
    async ({ input, code, field }) => {
      const email = freshEmail('invalid');
      const given = input(email);
      const payload = await signUp(given);
      expect(payload.token).toBeNull();
      expect(payload.user).toBeNull();
      expect(payload.expiresAt).toBeNull();
      expect(payload.errors).toEqual([{ code, field, message: expect.any(String) }]);
      expect(payload.errors[0]!.message.length).toBeGreaterThan(0);
      expect(await usersWithEmail(email)).toBe(0);
      expect(await usersWithEmail(given.email.trim().toLowerCase())).toBe(0);
    },
  );

  it('reports every invalid field at once', async () => {
    const payload = await signUp({ name: '', email: 'nope', password: 'short' });
    expect(payload.errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_NAME', 'name'],
      ['INVALID_EMAIL', 'email'],
      ['WEAK_PASSWORD', 'password'],
    ]);
  });

  it('refuses an email already in use, whatever its case and spacing', async () => {
    const email = freshEmail('taken');
    expect((await signUp({ name: 'First', email, password: PASSWORD })).errors).toEqual([]);
    for (const variant of [email, ` ${email.toUpperCase()}  `]) {
      const payload = await signUp({ name: 'Second', email: variant, password: PASSWORD });
      expect(payload.token).toBeNull();
      expect(payload.user).toBeNull();
      expect(payload.errors).toEqual([
        { code: 'EMAIL_TAKEN', field: 'email', message: expect.any(String) },
      ]);
    }
    // The seeded admin's address too.
    const admin = await signUp({ name: 'Ada', email: 'Admin@Mercato.dev', password: PASSWORD });
    expect(admin.errors.map((e) => e.code)).toEqual(['EMAIL_TAKEN']);
    expect(await usersWithEmail(email)).toBe(1);
  });

  it('creates exactly one account when 20 sign up with one email at once', async () => {
    const email = freshEmail('race');
    const payloads = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signUp({
          name: `Racer ${i}`,
          email: i % 2 ? email.toUpperCase() : email,
          password: PASSWORD,
        }),
      ),
    );
    const won = payloads.filter((p) => p.errors.length === 0);
    const lost = payloads.filter((p) => p.errors.length > 0);
    expect(won).toHaveLength(1);
    expect(won[0]!.token).toEqual(expect.any(String));
    expect(lost).toHaveLength(19);
    for (const p of lost) {
      expect(p.token).toBeNull();
      expect(p.errors).toEqual([
        { code: 'EMAIL_TAKEN', field: 'email', message: expect.any(String) },
      ]);
    }
    expect(await usersWithEmail(email)).toBe(1);
  });
});

describe('logIn', () => {
  it('signs in the seeded admin with the demo password, email in any case', async () => {
    const payload = await logIn({
      email: ' ADMIN@mercato.dev ',
      password: 'mercato-admin-password',
    });
    expect(payload.errors).toEqual([]);
    expect(payload.user).toEqual({ id: '1', name: 'Ada Admin', email: 'admin@mercato.dev' });
    expect(await supergraph.stack.tokens.verify(payload.token!)).toEqual({
      userId: 1,
      roles: ['ADMIN'],
    });
  });

  it('signs in the demo customer (user 2); other seeded users have no password', async () => {
    const rows = await supergraph.sql<{ id: number; email: string; has_password: boolean }[]>`
      select id, email, password_hash is not null as has_password from accounts.users
      where id <= 200 order by id`;
    expect(rows.filter((r) => r.has_password).map((r) => r.id)).toEqual([1, 2]);
    const payload = await logIn({ email: rows[1]!.email, password: 'mercato-demo-password' });
    expect(payload.errors).toEqual([]);
    expect(await supergraph.stack.tokens.verify(payload.token!)).toEqual({
      userId: 2,
      roles: ['CUSTOMER'],
    });
  });

  it('gives one answer for a wrong password, an unknown email and an account without password', async () => {
    const [noPassword] = await supergraph.sql<{ email: string }[]>`
      select email from accounts.users where password_hash is null order by id limit 1`;
    const attempts = [
      { email: 'admin@mercato.dev', password: 'not-the-admin-password' },
      { email: freshEmail('nobody'), password: 'mercato-admin-password' },
      { email: noPassword!.email, password: 'anything-at-all' },
      { email: 'not even an email', password: '' },
    ];
    const payloads = await Promise.all(attempts.map((input) => logIn(input)));
    for (const payload of payloads) {
      expect(payload.token).toBeNull();
      expect(payload.user).toBeNull();
      expect(payload.expiresAt).toBeNull();
    }
    const errors = payloads.map((p) => p.errors);
    expect(errors[0]).toEqual([
      { code: 'INVALID_CREDENTIALS', message: expect.any(String), field: null },
    ]);
    for (const other of errors.slice(1)) expect(other).toEqual(errors[0]);
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const time = async (input: { email: string; password: string }) => {
      const started = performance.now();
      const payload = await logIn(input);
      expect(payload.errors.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Warm up both paths, then interleave so drift in machine load hits both alike.
    await time({ email: freshEmail('warm'), password: 'x' });
    await time({ email: 'admin@mercato.dev', password: 'x' });
    for (let i = 0; i < 5; i++) {
      unknown.push(await time({ email: freshEmail('unknown'), password: `guess-${i}-password` }));
      wrong.push(await time({ email: 'admin@mercato.dev', password: `guess-${i}-password` }));
    }
    const [a, b] = [median(unknown), median(wrong)];
    console.log(
      `logIn timing: unknown email median ${a.toFixed(1)} ms [${unknown.map((t) => t.toFixed(0)).join(', ')}], ` +
        `wrong password median ${b.toFixed(1)} ms [${wrong.map((t) => t.toFixed(0)).join(', ')}]`,
    );
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThanOrEqual(1.5);
  });

  it('issues a token the router accepts for `me`', async () => {
    const email = freshEmail('me');
    const created = await signUp({ name: 'Mia Me', email, password: PASSWORD });
    expect(created.errors).toEqual([]);
    const payload = await logIn({ email, password: PASSWORD });
    expect(payload.errors).toEqual([]);
    expect(payload.user!.id).toBe(created.user!.id);
    const { status, body } = await gql(
      supergraph.stack.routerUrl,
      '{ me { id email } }',
      {},
      { authorization: `Bearer ${payload.token!}` },
    );
    expect(status).toBe(200);
    expect(body).toEqual({ data: { me: { id: created.user!.id, email } } });
  });

  it('still hides other users’ emails from the caller who just signed in', async () => {
    const { status, body } = await gql(
      supergraph.stack.routerUrl,
      `mutation { logIn(input: { email: "admin@mercato.dev", password: "wrong-password-here" }) { errors { code } } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ logIn: { errors: [{ code: 'INVALID_CREDENTIALS' }] } });
    const anonymous = await gql(supergraph.stack.routerUrl, '{ user(id: "1") { email } }');
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('rehashes a password stored with weaker scrypt parameters at the next logIn', async () => {
    const email = freshEmail('rehash');
    const salt = Buffer.alloc(16, 7);
    const N = CURRENT_PARAMS.N / 2;
    const weak = await new Promise<Buffer>((resolve, reject) =>
      scrypt(PASSWORD, salt, 32, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (e, key) =>
        e ? reject(e) : resolve(key),
      ),
    );
    const stored = `scrypt$${N}$8$1$${salt.toString('base64')}$${weak.toString('base64')}`;
    await supergraph.sql`
      insert into accounts.users (name, email, password_hash) values ('Old Hash', ${email}, ${stored})`;
    const payload = await logIn({ email, password: PASSWORD });
    expect(payload.errors).toEqual([]);
    const [row] = await supergraph.sql<{ password_hash: string }[]>`
      select password_hash from accounts.users where email = ${email}`;
    expect(row!.password_hash).toMatch(new RegExp(`^scrypt\\$${CURRENT_PARAMS.N}\\$8\\$1\\$`));
    expect((await logIn({ email, password: PASSWORD })).errors).toEqual([]);
  });
});

describe('password hashes', () => {
  it('verify the right password only, and tolerate unreadable hashes', async () => {
    const started = performance.now();
    const stored = await hashPassword(PASSWORD);
    const elapsed = performance.now() - started;
    console.log(
      `scrypt N=${CURRENT_PARAMS.N} r=${CURRENT_PARAMS.r} p=${CURRENT_PARAMS.p}: ${elapsed.toFixed(0)} ms per hash`,
    );
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, stored)).toBe(false);
    expect(await verifyPassword(PASSWORD, null)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
    // Same salt, same hash (the seed relies on it); fresh salts differ.
    const salt = Buffer.alloc(16, 1);
    expect(await hashPassword(PASSWORD, salt)).toBe(await hashPassword(PASSWORD, salt));
    expect(await hashPassword(PASSWORD)).not.toBe(stored);
    // Unicode-equivalent spellings of one password match (NFKC).
    const composed = await hashPassword('caf\u00e9-au-lait-42');
    expect(await verifyPassword('cafe\u0301-au-lait-42', composed)).toBe(true);
    const [, , , , saltText, hashText] = stored.split('$');
    for (const corrupt of [
      '',
      'bcrypt$2b$10$abc',
      `scrypt$1048576$32$1$${saltText}$${hashText}`, // 4 GiB: refused, never computed
      `scrypt$1000$8$1$${saltText}$${hashText}`, // N not a power of two
      `scrypt$32768$8$1$${saltText}$`,
    ]) {
      expect(await verifyPassword(PASSWORD, corrupt), corrupt).toBe(false);
    }
  });
});

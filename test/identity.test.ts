import { beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames, type SubgraphName } from '../lib/env';
import { IDENTITY_HEADER, SIGNATURE_HEADER, signIdentity } from '../lib/identity';
import { randomSecret } from '../lib/secrets';
import { createTokens } from '../lib/tokens';
import { errorCodes, gql } from './support/graphql';
import { useSupergraph } from './support/supergraph';

/**
 * DESIGN.md §4: the router verifies tokens and forwards identity in headers only it (and the
 * subgraphs) can sign. A subgraph refuses anything unsigned; client-sent identity headers are
 * never trusted; a bad token is refused before any subgraph is called.
 */
const supergraph = useSupergraph();
const admin = { userId: 1, roles: ['ADMIN'], partnerId: null };

/** Counts HTTP requests reaching each subgraph server, to prove the router called none. */
const hits = new Map<SubgraphName, number>();
beforeAll(() => {
  for (const name of subgraphNames) {
    supergraph.stack.subgraphs[name].server.on('request', () =>
      hits.set(name, (hits.get(name) ?? 0) + 1),
    );
  }
});
const totalHits = () => [...hits.values()].reduce((a, b) => a + b, 0);

let owner: number;
beforeAll(async () => {
  const [row] = await supergraph.sql<{ id: number }[]>`
    select buyer_id as id from orders.orders order by id limit 1`;
  owner = row!.id;
});

describe('a subgraph called directly', () => {
  const probe = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }`;

  it.each(subgraphNames)('%s answers 401 without a signature, running nothing', async (name) => {
    supergraph.stack.statements.reset();
    const { status, body } = await gql(supergraph.stack.subgraphs[name].url, `{ __typename }`);
    expect(status).toBe(401);
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.data ?? null).toBeNull();
    expect(supergraph.stack.statements.snapshot()).toEqual({});
  });

  it('reveals no email or orders through `_entities` without a signature', async () => {
    for (const [name, selection] of [
      ['accounts', '... on User { id email }'],
      ['orders', '... on User { id orders { totalCount nodes { id } } }'],
    ] as const) {
      const { status, body } = await gql(
        supergraph.stack.subgraphs[name].url,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
        { r: [{ __typename: 'User', id: String(owner) }] },
      );
      expect(status).toBe(401);
      expect(body.data ?? null).toBeNull();
      expect(JSON.stringify(body)).not.toMatch(/@|totalCount/);
    }
  });

  it('refuses a signature made with another secret', async () => {
    const forged = signIdentity(randomSecret(), admin);
    const { status } = await gql(supergraph.stack.subgraphs.accounts.url, probe, { r: [] }, forged);
    expect(status).toBe(401);
  });

  it('refuses a signed identity that was altered', async () => {
    const genuine = supergraph.stack.signedAs({
      userId: owner,
      roles: ['CUSTOMER'],
      partnerId: null,
    });
    const claims = JSON.parse(
      Buffer.from(genuine[IDENTITY_HEADER]!, 'base64url').toString(),
    ) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claims, r: ['ADMIN'] })).toString('base64url');
    const { status } = await gql(
      supergraph.stack.subgraphs.accounts.url,
      probe,
      { r: [] },
      {
        [IDENTITY_HEADER]: altered,
        [SIGNATURE_HEADER]: genuine[SIGNATURE_HEADER]!,
      },
    );
    expect(status).toBe(401);
  });

  it('refuses a replayed signature older than a minute', async () => {
    const stale = signIdentity(supergraph.stack.internalSecret, admin, Date.now() - 120_000);
    const { status } = await gql(supergraph.stack.subgraphs.accounts.url, probe, { r: [] }, stale);
    expect(status).toBe(401);
  });

  it('accepts the router’s signature', async () => {
    const { status, body } = await gql(
      supergraph.stack.subgraphs.accounts.url,
      probe,
      { r: [] },
      supergraph.stack.signedAs(admin),
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ _entities: [] });
  });
});

describe('the router', () => {
  it.each([
    [
      '_entities',
      `{ _entities(representations: [{ __typename: "User", id: "1" }]) { ... on User { email } } }`,
    ],
    ['_service', `{ _service { sdl } }`],
  ])('does not expose %s: a validation error, no subgraph called', async (_name, query) => {
    const before = totalHits();
    const { status, body } = await gql(supergraph.stack.routerUrl, query, {}, supergraph.admin);
    expect(status).toBe(400);
    expect(errorCodes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(body.data ?? null).toBeNull();
    expect(totalHits()).toBe(before);
  });

  const emailQuery = `query ($id: ID!) { user(id: $id) { id email } }`;

  it('ignores identity headers a client sends, even correctly signed ones', async () => {
    // The client somehow holds a genuine signature for an admin: the router still never forwards it.
    const smuggled = supergraph.stack.signedAs(admin);
    const { body } = await gql(
      supergraph.stack.routerUrl,
      emailQuery,
      { id: String(owner) },
      smuggled,
    );
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
    expect((body.data?.user as { email: string | null }).email).toBeNull();
  });

  const tokenCases: [string, () => Promise<string>][] = [
    [
      'signed with another secret',
      async () =>
        (
          await createTokens({ ...settings(), secret: randomSecret() }).issue({
            userId: 1,
            roles: ['ADMIN'],
          })
        ).token,
    ],
    [
      'from another issuer',
      async () =>
        (
          await createTokens({ ...settings(), issuer: 'someone-else' }).issue({
            userId: 1,
            roles: ['ADMIN'],
          })
        ).token,
    ],
    [
      'for another audience',
      async () =>
        (
          await createTokens({ ...settings(), audience: 'another-api' }).issue({
            userId: 1,
            roles: ['ADMIN'],
          })
        ).token,
    ],
    [
      'expired',
      async () =>
        (
          await createTokens({ ...settings(), ttlSeconds: -60 }).issue({
            userId: 1,
            roles: ['ADMIN'],
          })
        ).token,
    ],
    ['malformed', async () => 'not.a.jwt'],
    [
      'unsigned (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"1","roles":["ADMIN"]}').toString('base64url')}.`,
    ],
  ];

  /** The stack's own token settings, except the secret, which tests vary. */
  function settings() {
    return {
      secret: randomSecret(),
      issuer: 'mercato',
      audience: 'mercato-api',
      ttlSeconds: 3_600,
    };
  }

  it.each(tokenCases)(
    'refuses a token %s with 401 UNAUTHENTICATED, calling no subgraph',
    async (_name, make) => {
      const token = await make();
      const before = totalHits();
      supergraph.stack.statements.reset();
      const { status, body } = await gql(
        supergraph.stack.routerUrl,
        emailQuery,
        { id: String(owner) },
        {
          authorization: `Bearer ${token}`,
        },
      );
      expect(status).toBe(401);
      expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
      expect(body.data ?? null).toBeNull();
      expect(totalHits()).toBe(before);
      expect(supergraph.stack.statements.snapshot()).toEqual({});
    },
  );

  it('refuses an Authorization header that is not a Bearer token', async () => {
    const { status, body } = await gql(
      supergraph.stack.routerUrl,
      `{ __typename }`,
      {},
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
    );
    expect(status).toBe(401);
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
  });

  it('serves a valid token as its user', async () => {
    const { body } = await gql(
      supergraph.stack.routerUrl,
      emailQuery,
      { id: String(owner) },
      await supergraph.stack.authAs(owner),
    );
    expect(body.errors).toBeUndefined();
    expect((body.data?.user as { email: string }).email).toMatch(/@/);
  });
});

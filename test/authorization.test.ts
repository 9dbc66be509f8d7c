import { beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../lib/identity';
import { errorCodes, gql, type GraphQLBody } from './support/graphql';
import { useSupergraph } from './support/supergraph';

/**
 * DESIGN.md §4: a user's email and orders are visible to that user and to admins only, and the
 * subgraphs enforce it themselves — on every path, `_entities` included. Every protected field is
 * asked for by each kind of caller: anonymous, the owner, another user, an admin and a partner.
 */
const supergraph = useSupergraph();

type Actor = 'anonymous' | 'owner' | 'other user' | 'admin' | 'partner';
const expected: Record<Actor, 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN'> = {
  anonymous: 'UNAUTHENTICATED',
  owner: 'ok',
  'other user': 'FORBIDDEN',
  admin: 'ok',
  partner: 'FORBIDDEN',
};
const actors = Object.keys(expected) as Actor[];

let owner: number;
let other: number;
let orderId: number;
let ownerEmail: string;

beforeAll(async () => {
  const [row] = await supergraph.sql<{ buyer_id: number; id: number; email: string }[]>`
    select o.buyer_id, o.id, u.email from orders.orders o join accounts.users u on u.id = o.buyer_id
    where u.role = 'CUSTOMER' order by o.id limit 1`;
  owner = row!.buyer_id;
  orderId = row!.id;
  ownerEmail = row!.email;
  const [someone] = await supergraph.sql<{ id: number }[]>`
    select id from accounts.users where role = 'CUSTOMER' and id <> ${owner} order by id limit 1`;
  other = someone!.id;
});

/** The viewer each actor is, as the router would sign it for a subgraph. */
function viewerOf(actor: Actor): Viewer {
  switch (actor) {
    case 'anonymous':
      return { userId: null, roles: [], partnerId: null };
    case 'owner':
      return { userId: owner, roles: ['CUSTOMER'], partnerId: null };
    case 'other user':
      return { userId: other, roles: ['CUSTOMER'], partnerId: null };
    case 'admin':
      return { userId: 1, roles: ['ADMIN'], partnerId: null };
    case 'partner':
      return { userId: null, roles: ['PARTNER'], partnerId: 1 };
  }
}

/** Through the router, with the actor's credentials (partners: signed identity at the subgraph). */
async function asActor(actor: Actor, query: string, variables: Record<string, unknown>) {
  const { stack } = supergraph;
  if (actor === 'anonymous') return (await gql(stack.routerUrl, query, variables)).body;
  if (actor === 'partner') return null; // partners are asked at the subgraphs, below
  const viewer = viewerOf(actor);
  return (
    await gql(stack.routerUrl, query, variables, await stack.authAs(viewer.userId!, viewer.roles))
  ).body;
}

function outcome(body: GraphQLBody): string {
  const codes = errorCodes(body);
  return codes.length === 0 ? 'ok' : String(codes[0]);
}

describe('through the router', () => {
  const cases: [string, string, (body: GraphQLBody) => unknown][] = [
    [
      'User.email',
      `query ($id: ID!) { user(id: $id) { id email } }`,
      (b) => (b.data?.user as { email: string | null }).email,
    ],
    [
      'User.orders',
      `query ($id: ID!) { user(id: $id) { id orders(first: 5) { totalCount nodes { id total { amount } } } } }`,
      (b) => (b.data?.user as { orders: { totalCount: number } | null }).orders?.totalCount,
    ],
    [
      'Query.order',
      `query ($order: ID!) { order(id: $order) { id status lines { quantity } buyer { id } } }`,
      (b) => (b.data?.order as { id: string } | null)?.id,
    ],
  ];
  for (const [field, query, pick] of cases) {
    it.each(actors.filter((a) => a !== 'partner'))(`${field} as %s`, async (actor) => {
      const body = (await asActor(actor, query, { id: String(owner), order: String(orderId) }))!;
      expect(outcome(body), JSON.stringify(body.errors)).toBe(expected[actor]);
      const value = pick(body);
      if (expected[actor] === 'ok') {
        expect(value).toBeTruthy();
        if (field === 'User.email') expect(value).toBe(ownerEmail);
      } else {
        // Nothing protected leaks beside the error.
        expect(value ?? null).toBeNull();
      }
    });
  }

  it('me is the signed-in user, and null for anonymous callers', async () => {
    const query = `{ me { id email } }`;
    expect((await asActor('anonymous', query, {}))!.data).toEqual({ me: null });
    expect((await asActor('owner', query, {}))!.data).toEqual({
      me: { id: String(owner), email: ownerEmail },
    });
  });
});

describe('at the subgraphs, by the reference paths (`_entities`)', () => {
  const entities = (
    subgraph: 'accounts' | 'orders',
    selection: string,
    representations: object[],
    viewer: Viewer,
  ) =>
    gql(
      supergraph.stack.subgraphs[subgraph].url,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
      { r: representations },
      supergraph.stack.signedAs(viewer),
    );

  it.each(actors)('User.email by reference as %s', async (actor) => {
    const { body } = await entities(
      'accounts',
      '... on User { id email }',
      [{ __typename: 'User', id: String(owner) }],
      viewerOf(actor),
    );
    expect(outcome(body)).toBe(expected[actor]);
    const entity = (body.data?._entities as ({ email: string | null } | null)[])[0];
    expect(entity?.email ?? null).toBe(expected[actor] === 'ok' ? ownerEmail : null);
  });

  it.each(actors)('User.orders by reference as %s', async (actor) => {
    const { body } = await entities(
      'orders',
      '... on User { id orders(first: 3) { totalCount } }',
      [{ __typename: 'User', id: String(owner) }],
      viewerOf(actor),
    );
    expect(outcome(body)).toBe(expected[actor]);
  });

  it.each(actors)('Order by reference as %s', async (actor) => {
    const { body } = await entities(
      'orders',
      '... on Order { id total { amount } lines { quantity } }',
      [{ __typename: 'Order', id: String(orderId) }],
      viewerOf(actor),
    );
    expect(outcome(body)).toBe(expected[actor]);
    const entity = (body.data?._entities as ({ id: string } | null)[])[0];
    expect(entity?.id ?? null).toBe(expected[actor] === 'ok' ? String(orderId) : null);
  });
});

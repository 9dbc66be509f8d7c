import { GraphQLError } from 'graphql';
import type { Tokens } from '../../../lib/tokens';
import type { MutationResolvers, ResolversTypes } from '../__generated__/resolvers';
import { logIn, signUp, type AuthResult } from '../credentials';

/** A successful result gets a token for its user; a failed one carries its errors only. */
async function authPayload(
  result: AuthResult,
  tokens: Tokens | null,
): Promise<ResolversTypes['AuthPayload']> {
  if (!result.ok) return { token: null, expiresAt: null, user: null, errors: result.errors };
  // Accounts is always built with token settings (lib/env.ts requires JWT_SECRET for it).
  if (!tokens) throw new GraphQLError('accounts has no token settings; it cannot sign users in');
  const { user } = result;
  const { token, expiresAt } = await tokens.issue({ userId: user.id, roles: [user.role] });
  return { token, expiresAt, user: { ...user, authenticatedHere: true }, errors: [] };
}

export const Mutation: MutationResolvers = {
  signUp: async (_, { input }, { db, tokens }) =>
    await authPayload(await signUp(db, input), tokens),
  logIn: async (_, { input }, { db, tokens }) => await authPayload(await logIn(db, input), tokens),
};

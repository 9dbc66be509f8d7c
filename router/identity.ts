import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { anonymous, type Viewer } from '../lib/identity';
import { TokenError, type Tokens } from '../lib/tokens';
import {
  PartnerVerificationUnavailable,
  type PartnerIdentity,
  type PartnerVerifier,
} from './partners';

/** Who is calling: the viewer forwarded to subgraphs, and for partners their operation list. */
export interface Caller {
  viewer: Viewer;
  partner: PartnerIdentity | null;
}

function refuse(message: string): GraphQLError {
  // 401 before anything is planned or fetched: a bad credential never reaches a subgraph.
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

export const API_KEY_HEADER = 'x-api-key';

/**
 * Establishes who is calling from the request's credentials: a partner's API key, or a Bearer
 * access token for a signed-in user; neither makes an anonymous caller. A credential that is
 * present but wrong (unknown or revoked key; bad signature, issuer or audience; expired) is
 * refused rather than ignored. Only the headers are read, so a router other than ours (the Hive
 * Gateway plugin, hive/identity.ts) establishes callers the same way.
 */
export async function identify(
  req: { headers: IncomingHttpHeaders },
  tokens: Tokens,
  partners: PartnerVerifier,
): Promise<Caller> {
  const apiKey = req.headers[API_KEY_HEADER];
  const authorization = req.headers.authorization;
  if (apiKey !== undefined && authorization !== undefined) {
    throw refuse('Send an API key or a Bearer token, not both');
  }
  if (apiKey !== undefined) return await partnerCaller(apiKey, partners);
  if (authorization === undefined) return { viewer: anonymous, partner: null };
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization);
  if (!match) throw refuse('Authorization must be "Bearer <token>"');
  try {
    const claims = await tokens.verify(match[1]!);
    return {
      viewer: { userId: claims.userId, roles: claims.roles, partnerId: null },
      partner: null,
    };
  } catch (error) {
    if (error instanceof TokenError) throw refuse(error.message);
    throw error;
  }
}

async function partnerCaller(
  apiKey: string | string[],
  partners: PartnerVerifier,
): Promise<Caller> {
  if (typeof apiKey !== 'string') throw refuse('Send one API key');
  let partner: PartnerIdentity | null;
  try {
    partner = await partners.verify(apiKey);
  } catch (error) {
    if (!(error instanceof PartnerVerificationUnavailable)) throw error;
    // Accounts cannot be asked: say so, rather than calling a good key bad.
    throw new GraphQLError('API keys cannot be checked right now; retry shortly', {
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
    });
  }
  if (!partner) throw refuse('API key is unknown or revoked');
  return { viewer: { userId: null, roles: ['PARTNER'], partnerId: partner.partnerId }, partner };
}

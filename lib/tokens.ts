import { errors, jwtVerify, SignJWT } from 'jose';

/** What a Mercato access token says about its holder. */
export interface TokenClaims {
  userId: number;
  roles: string[];
}

export interface TokenSettings {
  /** HMAC key (HS256): at least 32 bytes of randomness. */
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Why a presented token was refused; the message is safe to show a client. */
export class TokenError extends Error {}

const algorithm = 'HS256';

/**
 * Issues and checks access tokens (JWT, HS256). Accounts issues them at logIn; the router
 * verifies them. Both hold the same secret; no subgraph ever sees the token itself.
 */
export function createTokens(settings: TokenSettings) {
  const key = new TextEncoder().encode(settings.secret);
  return {
    async issue(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ roles: claims.roles })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setSubject(String(claims.userId))
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setIssuedAt(now)
        .setExpirationTime(now + settings.ttlSeconds)
        .sign(key);
      return { token, expiresAt: new Date((now + settings.ttlSeconds) * 1000) };
    },

    async verify(token: string): Promise<TokenClaims> {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [algorithm],
          issuer: settings.issuer,
          audience: settings.audience,
        });
        const userId = Number(payload.sub);
        const roles = payload.roles;
        if (!Number.isSafeInteger(userId) || userId <= 0 || !Array.isArray(roles)) {
          throw new TokenError('Token claims are malformed');
        }
        return { userId, roles: roles.filter((r): r is string => typeof r === 'string') };
      } catch (error) {
        if (error instanceof TokenError) throw error;
        if (error instanceof errors.JWTExpired) throw new TokenError('Token has expired');
        throw new TokenError('Token is invalid');
      }
    },
  };
}

export type Tokens = ReturnType<typeof createTokens>;

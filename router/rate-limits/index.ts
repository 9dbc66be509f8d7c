/**
 * Per-client rate limits at the router (DESIGN.md §7), counted in the shared state so every
 * replica counts together. Two stages, both before any subgraph work:
 *
 *   - per request, once the caller is identified and before the persisted-query policy or
 *     Apollo: anonymous callers per client IP, signed-in users per user, partners per partner;
 *   - per operation, once it is validated (didResolveOperation), from the fields it selects at
 *     its root: `logIn`/`signUp` per client IP and per email — on accounts' behalf, so an
 *     attempt past the limit costs no database lookup and no scrypt run, and a right password
 *     is refused exactly as a wrong one — and `placeOrder` per user.
 *
 * Every key holds the caller's identity (IP, user, partner, email): one caller never spends
 * another's budget. A refusal is HTTP 429, `RATE_LIMITED`, and Retry-After in seconds.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { normaliseEmail } from '../../contracts/credentials';
import { sha256Hex } from '../../lib/hash';
import type { RateLimiter, SharedState } from '../../lib/shared-state';
import type { RouterContext } from '../context';
import type { RateLimitsConfig } from './config';
import { rootFields } from './root-fields';

export { clientIp } from './client-ip';
export { rateLimitSettings, rateLimitsFromEnv, type RateLimitsConfig } from './config';

export const RATE_LIMITED = 'RATE_LIMITED';

/** The limits by name: the `limit` label of mercato_router_rate_limited_total. */
export type RateLimitName =
  'anonymous' | 'user' | 'partner' | 'auth_ip' | 'auth_email' | 'place_order';

const describe: Record<RateLimitName, string> = {
  anonymous: 'requests per client address',
  user: 'requests per user',
  partner: 'requests per partner key',
  auth_ip: 'logIn and signUp attempts per client address',
  auth_email: 'logIn and signUp attempts per email address',
  place_order: 'placeOrder calls per user',
};

export interface RateRefusal {
  limit: RateLimitName;
  retryAfterS: number;
  message: string;
}

function refusal(limit: RateLimitName, retryAfterS: number): RateRefusal {
  return {
    limit,
    retryAfterS,
    message: `Rate limit of ${describe[limit]} reached; retry in ${retryAfterS} s`,
  };
}

/** The JSON body of a refusal, as GraphQL errors are shaped. */
export function refusalBody(refused: RateRefusal): string {
  return JSON.stringify({
    errors: [
      {
        message: refused.message,
        extensions: { code: RATE_LIMITED, retryAfter: refused.retryAfterS },
      },
    ],
  });
}

export interface RateLimits {
  /** The per-request limit of this caller, taken once per HTTP request; null: go on. */
  request(caller: RouterContext): Promise<RateRefusal | null>;
  /** The per-operation limits, as an Apollo plugin. */
  plugin: ApolloServerPlugin<RouterContext>;
}

export function createRateLimits(
  shared: SharedState,
  config: RateLimitsConfig,
  onRefused: (limit: RateLimitName) => void,
): RateLimits {
  const make = (name: RateLimitName, rate: RateLimitsConfig['user']) =>
    rate ? shared.limiter(name, rate) : null;
  const limiters: Record<RateLimitName, RateLimiter | null> = {
    anonymous: make('anonymous', config.anonymous),
    user: make('user', config.user),
    partner: make('partner', config.partner),
    auth_ip: make('auth_ip', config.authIp),
    auth_email: make('auth_email', config.authEmail),
    place_order: make('place_order', config.placeOrder),
  };

  async function take(name: RateLimitName, key: string, points = 1): Promise<RateRefusal | null> {
    const limiter = limiters[name];
    if (!limiter || points === 0) return null;
    const decision = await limiter.take(key, points);
    if (decision.allowed) return null;
    onRefused(name);
    return refusal(name, decision.retryAfterS);
  }

  return {
    async request(caller) {
      if (caller.partner) return await take('partner', String(caller.partner.partnerId));
      if (caller.viewer.userId !== null) return await take('user', String(caller.viewer.userId));
      return await take('anonymous', caller.clientIp);
    },
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ operation, document, request, contextValue }) {
            if (!operation || operation.operation !== 'mutation') return;
            const fields = rootFields(document, operation, ['logIn', 'signUp', 'placeOrder']);
            const auth = fields.filter((f) => f.name !== 'placeOrder');
            const variables = request.variables ?? {};
            const refused =
              (await take('auth_ip', contextValue.clientIp, auth.length)) ??
              (await firstRefusal(
                auth.map((field) => {
                  const email = field.argument('input', variables)?.email;
                  // A missing or mistyped email fails validation at accounts; nothing to count.
                  return typeof email === 'string'
                    ? () => take('auth_email', sha256Hex(normaliseEmail(email)))
                    : null;
                }),
              )) ??
              (contextValue.viewer.userId === null
                ? null
                : await take(
                    'place_order',
                    String(contextValue.viewer.userId),
                    fields.length - auth.length,
                  ));
            if (refused) throw rateLimitedError(refused);
          },
        };
      },
    },
  };
}

/** Runs the checks one after another; the first refusal, or null. */
async function firstRefusal(
  checks: (null | (() => Promise<RateRefusal | null>))[],
): Promise<RateRefusal | null> {
  for (const check of checks) {
    const refused = check ? await check() : null;
    if (refused) return refused;
  }
  return null;
}

/** A refusal thrown inside Apollo's pipeline: its status and header go on the HTTP response. */
function rateLimitedError(refused: RateRefusal): GraphQLError {
  return new GraphQLError(refused.message, {
    extensions: {
      code: RATE_LIMITED,
      retryAfter: refused.retryAfterS,
      http: {
        status: 429,
        headers: new HeaderMap([['retry-after', String(refused.retryAfterS)]]),
      },
    },
  });
}

import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import type { Rate } from '../../lib/shared-state';

/**
 * Per-client rate limits (DESIGN.md §7), each a fixed window counted in the shared state (Redis
 * across replicas). A setting is `<points>/<window>` — `600/1m`, `10/15m`, `5000/1h`, `100/1d`;
 * units s, m, h, d — or `off`.
 */
export interface RateLimitsConfig {
  /** Requests of a caller with no credential, per client IP. */
  anonymous: Rate | null;
  /** Requests of a signed-in user, per user. */
  user: Rate | null;
  /** Requests of a partner, per partner (its key): the partner's quota. */
  partner: Rate | null;
  /** `logIn` and `signUp` fields, per client IP, whoever calls. */
  authIp: Rate | null;
  /** `logIn` and `signUp` fields, per email address (normalised as accounts stores it). */
  authEmail: Rate | null;
  /** `placeOrder` fields, per signed-in user. */
  placeOrder: Rate | null;
  /** Peers whose X-Forwarded-For is believed (load balancers, ingress); none by default. */
  trustedProxies: BlockList;
}

/**
 * The defaults and where each comes from. None is a standard: each is an order of magnitude
 * taken from a public service or security guidance, meant to stop scripts, never a person.
 */
export const defaultRates = {
  // A person browsing the shop makes a few operations per page; 10 requests/s sustained per IP
  // leaves room for a household or office behind one NAT address and stops a scraper.
  // (GitHub's REST API allows 60/hour unauthenticated: far too low for a shop front.)
  anonymous: '600/1m',
  // GitHub's REST API primary limit for an authenticated user: 5,000 requests per hour.
  user: '5000/1h',
  // Shopify's Admin REST API gives an app 2 requests/s per store (Plus: 20/s); a partner feed
  // here may make 10/s.
  partner: '600/1m',
  // rate-limiter-flexible's brute-force example blocks an IP after 100 wrong attempts a day; here
  // every attempt counts (right ones too), so the window is an hour.
  authIp: '100/1h',
  // OWASP Authentication Cheat Sheet: lock an account temporarily after a few failures (the
  // rate-limiter-flexible example: 10 consecutive failures); 10 attempts per 15 minutes.
  authEmail: '10/15m',
  // A checkout is one placeOrder plus retries with the same idempotency key; 20 a minute per
  // user leaves room for those and stops a script draining stock.
  placeOrder: '20/1m',
} as const;

const units = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;

/** `<points>/<window>` or `off`. */
const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): Rate | null => {
      if (text.trim() === 'off') return null;
      const match = /^\s*([1-9][0-9]{0,8})\s*\/\s*([1-9][0-9]{0,5})?([smhd])\s*$/.exec(text);
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be <points>/<window> (e.g. 600/1m, 10/15m, 5000/1h) or off',
        });
        return z.NEVER;
      }
      const [, points, count, unit] = match;
      return {
        points: Number(points),
        durationS: Number(count ?? 1) * units[unit as keyof typeof units],
      };
    });

/** TRUSTED_PROXIES: addresses and CIDR ranges, comma-separated (IPv4 or IPv6). */
const trustedProxies = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const list = new BlockList();
    for (const entry of text
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '')) {
      const [address = '', bits] = entry.split('/');
      const family = isIP(address);
      const max = family === 6 ? 128 : 32;
      const prefix = bits === undefined ? max : /^[0-9]{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (family === 0 || !(prefix >= 0 && prefix <= max)) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range` });
        continue;
      }
      list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
    }
    return list;
  });

/** The environment variables of the rate limits, spread into the router's schema (router/env.ts). */
export const rateLimitSettings = {
  RATE_LIMIT_ANONYMOUS: rate(defaultRates.anonymous),
  RATE_LIMIT_USER: rate(defaultRates.user),
  RATE_LIMIT_PARTNER: rate(defaultRates.partner),
  RATE_LIMIT_AUTH_IP: rate(defaultRates.authIp),
  RATE_LIMIT_AUTH_EMAIL: rate(defaultRates.authEmail),
  RATE_LIMIT_PLACE_ORDER: rate(defaultRates.placeOrder),
  TRUSTED_PROXIES: trustedProxies,
};

type RateLimitEnv = {
  [K in keyof typeof rateLimitSettings]: z.output<(typeof rateLimitSettings)[K]>;
};

export function rateLimitsFromEnv(env: RateLimitEnv): RateLimitsConfig {
  return {
    anonymous: env.RATE_LIMIT_ANONYMOUS,
    user: env.RATE_LIMIT_USER,
    partner: env.RATE_LIMIT_PARTNER,
    authIp: env.RATE_LIMIT_AUTH_IP,
    authEmail: env.RATE_LIMIT_AUTH_EMAIL,
    placeOrder: env.RATE_LIMIT_PLACE_ORDER,
    trustedProxies: env.TRUSTED_PROXIES,
  };
}

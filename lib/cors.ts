/**
 * Cross-origin access for browser apps and hosted explorers (Apollo Sandbox and Studio). The
 * policy is a list of allowed origins; an allowed origin gets its own origin echoed back (never
 * `*` with it, so a response is never shared across origins), with `Vary: Origin` for caches.
 * No credentials mode: Mercato authenticates with the Authorization and x-api-key headers, not
 * cookies, so `Access-Control-Allow-Credentials` is never sent.
 *
 * CORS only lets a browser READ a response. What stops a cross-site page from making a browser
 * send a state-changing request is Apollo's CSRF prevention, which stays on: a "simple" request
 * (no preflight) without a JSON content type or `apollo-require-preflight` is refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Methods the GraphQL endpoint answers. */
const METHODS = 'GET, POST, OPTIONS';

/**
 * Request headers browsers may always send cross-origin: GraphQL over HTTP (content-type),
 * identity (authorization, x-api-key), Apollo's CSRF header and client awareness, trace context
 * and request ids. A preflight from an allowed origin that asks for others (a header a user adds
 * in Sandbox) gets those too, as Apollo Router does: the origin is trusted already.
 */
const ALLOWED_HEADERS = [
  'content-type',
  'accept',
  'authorization',
  'x-api-key',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
  'traceparent',
  'tracestate',
  'x-request-id',
];

/** A header-name list as a preflight carries it; anything that is not one is ignored. */
const headerList = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

function allowedHeaders(requested: string | undefined): string {
  const asked =
    requested && headerList.test(requested.trim())
      ? requested.split(',').map((h) => h.trim().toLowerCase())
      : [];
  return [...new Set([...ALLOWED_HEADERS, ...asked])].join(', ');
}

/** Response headers a browser app may read: the request id to quote, when to retry. */
const EXPOSED_HEADERS = 'x-request-id, retry-after';

/** How long a browser may reuse a preflight answer (Chromium caps it at 2 hours). */
const MAX_AGE_S = '7200';

/**
 * Origins allowed by default outside production: any port on the local machine (a web app's dev
 * server) and Apollo's hosted Sandbox, Studio and embedded explorers.
 */
export const developmentOrigins = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
  'https://studio.apollographql.com',
  'https://sandbox.embed.apollographql.com',
  'https://explorer.embed.apollographql.com',
];

export interface CorsPolicy {
  /** Whether a browser page of `origin` may read responses. */
  allows(origin: string): boolean;
}

/**
 * A policy from origin patterns: an exact origin (`https://shop.example.com`), an origin with
 * any port (`http://localhost:*`), or `*` for any origin (a public API with no cookies).
 */
export function corsPolicy(patterns: readonly string[]): CorsPolicy {
  const any = patterns.includes('*');
  const exact = new Set(patterns.filter((p) => !p.endsWith(':*')));
  const anyPort = patterns.filter((p) => p.endsWith(':*')).map((p) => p.slice(0, -1));
  return {
    allows: (origin) =>
      any ||
      exact.has(origin) ||
      anyPort.some(
        (prefix) => origin.startsWith(prefix) && /^\d{1,5}$/.test(origin.slice(prefix.length)),
      ),
  };
}

/** Checks one CORS_ORIGINS entry; the problem in words, or null when it is usable. */
export function originPatternProblem(pattern: string): string | null {
  if (pattern === '*') return null;
  const origin = pattern.endsWith(':*') ? `${pattern.slice(0, -2)}:1` : pattern;
  try {
    const url = new URL(origin);
    const canonical = pattern.endsWith(':*') ? `${url.protocol}//${url.hostname}` : url.origin;
    const given = pattern.endsWith(':*') ? pattern.slice(0, -2) : pattern;
    if ((url.protocol === 'http:' || url.protocol === 'https:') && canonical === given) return null;
  } catch {
    // reported below
  }
  return `"${pattern}" is not an origin (scheme://host[:port], or scheme://host:* for any port, or *)`;
}

/**
 * Applies the policy to a request. Adds the CORS headers for an allowed origin, and answers a
 * preflight (OPTIONS) itself: 204 with what may be sent when the origin is allowed, 403 when
 * not. Returns true when the request has been answered.
 */
export function applyCors(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  const allowed = typeof origin === 'string' && policy.allows(origin);
  res.setHeader('vary', 'Origin');
  if (allowed) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  }
  if (req.method !== 'OPTIONS') return false;
  if (!allowed && origin !== undefined && req.headers['access-control-request-method']) {
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        errors: [
          {
            message: `Origin ${origin} may not call this API from a browser (see CORS_ORIGINS)`,
            extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' },
          },
        ],
      }),
    );
    return true;
  }
  res.writeHead(204, {
    allow: METHODS,
    ...(allowed
      ? {
          'access-control-allow-methods': METHODS,
          'access-control-allow-headers': allowedHeaders(
            req.headers['access-control-request-headers'],
          ),
          'access-control-max-age': MAX_AGE_S,
        }
      : {}),
  });
  res.end();
  return true;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../lib/env';
import { routerEnv } from '../router/env';
import type { RunningRouter } from '../router/serve';
import { startRouter } from './abuse/support';
import { useSupergraph } from './support/supergraph';

/**
 * CORS (lib/cors.ts): browser apps and Apollo's hosted Sandbox reach the router from other
 * origins, with exactly the requests a browser sends for them; CSRF prevention stays on.
 */
const supergraph = useSupergraph();
const SANDBOX = 'https://studio.apollographql.com';
let production: RunningRouter;
let configured: RunningRouter;

beforeAll(async () => {
  production = await startRouter(supergraph.stack, { NODE_ENV: 'production' });
  configured = await startRouter(supergraph.stack, {
    NODE_ENV: 'production',
    CORS_ORIGINS: 'https://shop.example.com, http://localhost:*',
  });
});
afterAll(async () => {
  await production?.stop();
  await configured?.stop();
});

/** The preflight Chromium sends before Sandbox's introspection POST (a JSON body). */
const preflight = (url: string, origin: string, headers = 'content-type') =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': headers,
    },
  });

/** Sandbox's introspection request as a browser sends it, cut to what matters here. */
const introspect = (url: string, origin: string) =>
  fetch(url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', accept: '*/*' },
    body: JSON.stringify({
      query: 'query IntrospectionQuery { __schema { queryType { name } } }',
      operationName: 'IntrospectionQuery',
    }),
  });

describe('in development', () => {
  it("answers Sandbox's preflight with the methods and the headers clients send", async () => {
    const response = await preflight(
      supergraph.stack.routerUrl,
      SANDBOX,
      'content-type,authorization,x-api-key,apollo-require-preflight,traceparent,x-request-id',
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/GET/);
    const allowed = response.headers.get('access-control-allow-headers')!.split(/,\s*/);
    for (const header of [
      'content-type',
      'authorization',
      'x-api-key',
      'apollo-require-preflight',
      'traceparent',
      'x-request-id',
    ])
      expect(allowed).toContain(header);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it('lets Sandbox read the introspection answer, and a header a user adds pass its preflight', async () => {
    const response = await introspect(supergraph.stack.routerUrl, SANDBOX);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SANDBOX);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const body = (await response.json()) as { data: { __schema: { queryType: { name: string } } } };
    expect(body.data.__schema.queryType.name).toBe('Query');
    const custom = await preflight(supergraph.stack.routerUrl, SANDBOX, 'content-type,x-tenant');
    expect(custom.headers.get('access-control-allow-headers')).toMatch(/x-tenant/);
  });

  it('allows a local dev server on any port, and no other origin', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000']) {
      const response = await preflight(supergraph.stack.routerUrl, origin);
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
    }
    const evil = await preflight(supergraph.stack.routerUrl, 'https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(
      ((await evil.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions
        .code,
    ).toBe('CORS_ORIGIN_NOT_ALLOWED');
    const read = await introspect(supergraph.stack.routerUrl, 'https://evil.example');
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention on for simple requests, from any origin', async () => {
    const response = await fetch(
      `${supergraph.stack.routerUrl}?query=${encodeURIComponent('{ __typename }')}`,
      { headers: { origin: SANDBOX } },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('answers an OPTIONS that is no preflight with the methods it allows', async () => {
    const response = await fetch(supergraph.stack.routerUrl, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
  });
});

describe('in production', () => {
  it('allows no origin unless configured', async () => {
    const response = await preflight(production.url, SANDBOX);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins', async () => {
    const shop = await preflight(configured.url, 'https://shop.example.com');
    expect(shop.status).toBe(204);
    expect(shop.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const local = await introspect(configured.url, 'http://localhost:8080');
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect((await preflight(configured.url, 'https://shop.example.com.evil.example')).status).toBe(
      403,
    );
    expect((await preflight(configured.url, SANDBOX)).status).toBe(403);
  });

  it('refuses a CORS_ORIGINS entry that is not an origin, naming it', () => {
    const env = {
      INTERNAL_SECRET: 'a'.repeat(8) + 'Zq3-kP9_xW2mN7vB4cT6yR1sD5fG8hJ0',
      JWT_SECRET: 'b'.repeat(4) + 'Lm2Np4Qr6St8Uv0Wx1Yz3Ab5Cd7Ef9GhIj',
    };
    expect(() =>
      routerEnv({ ...env, CORS_ORIGINS: 'https://ok.example, shop.example.com/path' }),
    ).toThrow(ConfigError);
    expect(() => routerEnv({ ...env, CORS_ORIGINS: 'https://ok.example/' })).toThrow(
      /not an origin/,
    );
    expect(routerEnv({ ...env, CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });
});

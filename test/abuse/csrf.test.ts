import { beforeEach, describe, expect, it } from 'vitest';
import { codes, send, useAbuseStack } from './support';

/**
 * CSRF prevention (Apollo Server's csrfPrevention: true, kept explicit in router/server.ts): a
 * request a browser could send cross-site without a preflight — a GET, or a POST whose
 * Content-Type is text/plain, application/x-www-form-urlencoded or multipart/form-data, or none
 * — must carry `apollo-require-preflight` or `x-apollo-operation-name`, else 400. And a GET may
 * not run a mutation (405).
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

const query = '{ products(first: 1) { nodes { id } } }';
const logIn = 'mutation { logIn(input: { email: "admin@example.com", password: "x" }) { token } }';
const csrfMessage = /^This operation has been blocked as a potential Cross-Site Request Forgery/;

async function expectBlocked(response: Awaited<ReturnType<typeof send>>) {
  expect(response.status).toBe(400);
  expect(codes(response.body)).toEqual(['BAD_REQUEST']);
  expect(response.body.errors![0]!.message).toMatch(csrfMessage);
  abuse.expectNothingRan();
}

describe('CSRF prevention', () => {
  it('refuses a text/plain POST (what an HTML form or a no-cors fetch can send)', async () => {
    const body = JSON.stringify({ query: logIn });
    await expectBlocked(await send(abuse.stack.routerUrl, body, { 'content-type': 'text/plain' }));
  });

  it('refuses a form-encoded POST', async () => {
    const body = `query=${encodeURIComponent(logIn)}`;
    await expectBlocked(
      await send(abuse.stack.routerUrl, body, {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    );
  });

  it('refuses a POST without Content-Type', async () => {
    await expectBlocked(await send(abuse.stack.routerUrl, JSON.stringify({ query }), {}));
  });

  it('refuses a GET without a preflight header', async () => {
    const url = `${abuse.stack.routerUrl}?query=${encodeURIComponent(query)}`;
    await expectBlocked(await send(url, undefined, {}, 'GET'));
  });

  it('refuses a mutation over GET, even with a preflight header: 405', async () => {
    const url = `${abuse.stack.routerUrl}?query=${encodeURIComponent(logIn)}`;
    const { status, headers, body } = await send(
      url,
      undefined,
      { 'apollo-require-preflight': 'true' },
      'GET',
    );
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe('POST');
    expect(codes(body)).toEqual(['BAD_REQUEST']);
    expect(body.errors![0]!.message).toBe(
      'GET requests only support query operations, not mutation operations',
    );
    abuse.expectNothingRan();
  });

  it('answers a GET query with a preflight header', async () => {
    const url = `${abuse.stack.routerUrl}?query=${encodeURIComponent(query)}`;
    const { status, body } = await send(
      url,
      undefined,
      { 'apollo-require-preflight': 'true' },
      'GET',
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  it('answers a JSON POST (it needs a preflight cross-site, so no header is required)', async () => {
    const { status, body } = await send(abuse.stack.routerUrl, JSON.stringify({ query }));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiveGatewayArgs } from '../../hive/command';
import { root } from '../../lib/paths';
import { subgraphNames } from '../../lib/env';
import { fileDatabaseUrl } from '../support/database';
import { gql } from '../support/graphql';
import { freePort, waitFor } from '../support/integrity';
import { readmeExamples } from '../support/readme';
import { startStack, type Stack } from '../support/stack';

/**
 * Process tier: Mercato on Hive Gateway as the README says to run it (`hive-gateway supergraph
 * -c hive/gateway.config.ts` with the router's environment) answers exactly as Mercato's router
 * does — the README's example queries, anonymous and signed in, and `me` with its orders, which
 * only the identity plugin (hive/identity.ts) can make work — and refuses what the router refuses.
 */
const databaseUrl = fileDatabaseUrl();
let stack: Stack;
let hive: ChildProcess;
let hiveUrl: string;
let output = '';

beforeAll(async () => {
  stack = await startStack(databaseUrl);
  // Hive takes seconds to start: the free port picked may meanwhile become an outgoing
  // connection's local port. Then it cannot listen, and it starts again on another.
  for (let attempt = 1; ; attempt++) {
    try {
      await startHive(await freePort());
      return;
    } catch (error) {
      if (attempt === 3 || !output.includes('EADDRINUSE')) throw error;
    }
  }
}, 150_000);

/** Spawns Hive Gateway on `port` and waits until it answers; rejects if it exits first. */
async function startHive(port: number): Promise<void> {
  output = '';
  hiveUrl = `http://127.0.0.1:${port}/graphql`;
  hive = spawn(process.execPath, hiveGatewayArgs('hive/gateway.config.ts'), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      INTERNAL_SECRET: stack.internalSecret,
      JWT_SECRET: stack.tokenSettings.secret,
      ...Object.fromEntries(
        subgraphNames.map((name) => [`${name.toUpperCase()}_URL`, stack.subgraphs[name].url]),
      ),
    },
  });
  hive.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  hive.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(async () => {
    if (hive.exitCode !== null) throw new Error(`Hive Gateway exited:\n${output}`);
    const response = await fetch(hiveUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).catch(() => null);
    return response?.ok ?? false;
  }, 60_000);
}

afterAll(async () => {
  hive?.kill('SIGTERM');
  await stack?.stop();
});

/** Both answers to one request, with the same headers. */
async function both(query: string, headers: Record<string, string> = {}) {
  const [router, gateway] = await Promise.all([
    gql(stack.routerUrl, query, {}, headers),
    gql(hiveUrl, query, {}, headers),
  ]);
  return { router: router.body, hive: gateway.body };
}

describe('Hive Gateway with hive/gateway.config.ts', () => {
  const queries = [...readmeExamples()].filter(([, text]) => !/^\s*mutation\b/m.test(text));

  it('has the README’s example queries to compare', () => {
    expect(queries.length).toBeGreaterThanOrEqual(4);
  });

  it.each(queries)('%s: the same answer as the router, signed in as the admin', async (_n, q) => {
    const answers = await both(q, await stack.authAs(1, ['ADMIN']));
    expect(answers.router.errors).toBeUndefined();
    expect(answers.hive).toEqual(answers.router);
  });

  it('answers a signed-in user’s own orders (me) as the router does', async () => {
    const query =
      '{ me { id name orders(first: 3) { totalCount nodes { status total { amount } lines { quantity product { name } } } } } }';
    const answers = await both(query, await stack.authAs(2));
    expect(answers.router.errors).toBeUndefined();
    expect((answers.router.data as { me: { id: string } }).me.id).toBe('2');
    expect(answers.hive).toEqual(answers.router);
  });

  it('keeps private data private for an anonymous caller, as the router does', async () => {
    const answers = await both('{ user(id: "2") { name orders(first: 1) { totalCount } } }');
    expect(answers.router.errors).toBeDefined();
    expect(answers.hive.data).toEqual(answers.router.data);
  });

  it('refuses a bad token, and partner API keys (the router alone holds partners to their list)', async () => {
    const badToken = await gql(hiveUrl, '{ me { id } }', {}, { authorization: 'Bearer nope' });
    expect(badToken.status).toBe(401);
    const partner = await gql(
      hiveUrl,
      '{ products(first: 1) { totalCount } }',
      {},
      { 'x-api-key': 'mk_anything' },
    );
    expect(partner.status).toBe(401);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { fileDatabaseUrl } from '../support/database';
import { subgraphNames } from '../../lib/env';
import { createLogger } from '../../lib/log';
import { startStack, type Stack } from '../support/stack';
import { routerEnv } from '../../router/env';
import { serveRouter, type RunningRouter } from '../../router/serve';
import type { GraphQLBody } from '../support/graphql';

/**
 * A supergraph for one attack family, with a witness of everything that ran: the SQL statements
 * (stack.statements) and every HTTP request a subgraph server received. A refused request must
 * leave both empty.
 */
export interface AbuseStack {
  stack: Stack;
  /** Requests received by each subgraph server since the last reset. */
  subgraphRequests: Map<string, number>;
  /** Forget what ran so far; call before the request under test. */
  reset(): void;
  /** Asserts that no subgraph was called and no SQL statement was sent since reset(). */
  expectNothingRan(): void;
}

export function useAbuseStack(): AbuseStack {
  const databaseUrl = fileDatabaseUrl();
  const subgraphRequests = new Map<string, number>();
  const abuse = { subgraphRequests } as AbuseStack;
  beforeAll(async () => {
    abuse.stack = await startStack(databaseUrl);
    for (const name of subgraphNames) {
      abuse.stack.subgraphs[name].server.on('request', () =>
        subgraphRequests.set(name, (subgraphRequests.get(name) ?? 0) + 1),
      );
    }
  });
  afterAll(async () => {
    await abuse.stack?.stop();
  });
  abuse.reset = () => {
    abuse.stack.statements.reset();
    subgraphRequests.clear();
  };
  abuse.expectNothingRan = () => {
    expect(Object.fromEntries(subgraphRequests)).toEqual({});
    expect(abuse.stack.statements.statements).toEqual([]);
  };
  return abuse;
}

/**
 * A second router over the stack's subgraphs, configured by `env` (e.g. NODE_ENV=production,
 * ALLOW_BATCHED_REQUESTS=true). It signs identities with the stack's secret, as the stack's own
 * router does.
 */
export async function startRouter(
  stack: Stack,
  env: Record<string, string>,
): Promise<RunningRouter> {
  const config = routerEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    INTERNAL_SECRET: stack.internalSecret,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...Object.fromEntries(
      subgraphNames.map((name) => [`${name.toUpperCase()}_URL`, stack.subgraphs[name].url]),
    ),
    ...env,
  });
  return await serveRouter(config, createLogger('test', 'silent'));
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: GraphQLBody;
}

/** Sends exactly `body` (bytes or text) with `headers`; the answer's JSON is parsed. */
export async function send(
  url: string,
  body: string | Uint8Array | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  method = 'POST',
): Promise<RawResponse> {
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) };
}

/** POSTs `{ query, variables }` as JSON. */
export function post(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return send(url, JSON.stringify({ query, ...(variables ? { variables } : {}) }), {
    'content-type': 'application/json',
    ...headers,
  });
}

/** The `extensions.code` of each error. */
export function codes(body: GraphQLBody): unknown[] {
  return (body.errors ?? []).map((e) => e.extensions?.code);
}

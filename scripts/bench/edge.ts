/**
 * Edge-check latency: `npm run bench:edge`. Times, in this process, each check the router adds
 * to a request before planning — token verification, persisted-query resolution, the limit
 * rules and the cost estimate — for a persisted
 * and a freeform operation, and prints the median per request in microseconds.
 */
import type { IncomingMessage } from 'node:http';
import { parse, validate, type OperationDefinitionNode } from 'graphql';
import { committedSupergraph } from '../../lib/supergraph';
import { createLogger } from '../../lib/log';
import { randomSecret } from '../../lib/secrets';
import { createTokens } from '../../lib/tokens';
import { identify } from '../../router/identity';
import { defaultLimits, estimateCost, operationLimits } from '../../router/limits';
import { createPartnerVerifier } from '../../router/partners';
import { apiSchemaOf } from '../operations/build';
import { loadPersistedQueries, manifestPath } from '../../router/persisted/manifest';
import { resolveHttpRequest } from '../../router/persisted/resolve';

const RUNS = 5_000;
const schema = apiSchemaOf(committedSupergraph());
const registry = loadPersistedQueries(manifestPath);
const limits = operationLimits(defaultLimits, createLogger('bench', 'silent'));
const tokens = createTokens({
  secret: randomSecret(),
  issuer: 'mercato',
  audience: 'mercato-api',
  ttlSeconds: 3600,
});
// Never called: requests here carry a token, not an API key.
const partners = createPartnerVerifier({
  accountsUrl: 'http://127.0.0.1:9/graphql',
  internalSecret: randomSecret(),
});
const token = (await tokens.issue({ userId: 2, roles: ['CUSTOMER'] })).token;
const request = { headers: { authorization: `Bearer ${token}` } } as unknown as IncomingMessage;

const productPage = [...registry.byId.values()].find((op) => op.name === 'ProductPage')!;
const variables = { id: '1' };
const persistedBody = {
  operationName: 'ProductPage',
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: productPage.id } },
};
const freeformBody = {
  query: productPage.body.replace('query ProductPage', 'query Freeform'),
  variables,
};

async function median(label: string, work: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 200; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(times.length / 2)]!;
  console.log(`  ${label.padEnd(44)} ${m.toFixed(1).padStart(8)} µs`);
  return m;
}

for (const [name, body, appFreeform] of [
  ['persisted (by hash)', persistedBody, false],
  ['freeform (development policy)', freeformBody, true],
] as const) {
  console.log(`${name}, median of ${RUNS}:`);
  let total = 0;
  total += await median('identity (Bearer JWT verification)', () =>
    identify(request, tokens, partners),
  );
  total += await median('persisted-query resolution', () =>
    resolveHttpRequest(
      { method: 'POST', search: '', body },
      { kind: 'first-party' },
      { appFreeform },
      registry,
    ),
  );
  const resolved = resolveHttpRequest(
    { method: 'POST', search: '', body },
    { kind: 'first-party' },
    { appFreeform },
    registry,
  );
  const query = resolved.ok ? String((resolved.body as { query: string }).query) : '';
  const document = parse(query, { maxTokens: defaultLimits.maxTokens });
  const operation = document.definitions[0] as OperationDefinitionNode;
  // The limit rules on their own (one extra walk of the document); Apollo's standard
  // validation runs either way, so it is not part of what the edge adds.
  total += await median('limit rules (validation)', () =>
    validate(schema, document, limits.validationRules),
  );
  total += await median('cost estimate', () =>
    estimateCost(schema, document, operation, variables, defaultLimits),
  );
  console.log(
    `  ${'edge checks added per request'.padEnd(44)} ${total.toFixed(1).padStart(8)} µs\n`,
  );
}

import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDatabaseUrl } from './support/database';
import { startStack, type Stack } from './support/stack';

/**
 * GraphQL-over-HTTP conformance of the router (graphql-http's server audits). Every MUST audit
 * passes; the counts of all results are printed for the record.
 */
let stack: Stack;
const results: AuditResult[] = [];

beforeAll(async () => {
  stack = await startStack(fileDatabaseUrl());
});

afterAll(async () => {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  console.log(
    `graphql-http audits: ${results.length} run, ${count('ok')} ok, ${count('notice')} notice, ${count('warn')} warn, ${count('error')} error`,
  );
  for (const r of results)
    if (r.status !== 'ok') console.log(`  ${r.status}: ${r.name} — ${r.reason}`);
  await stack.stop();
});

describe('graphql-http server audits against the router', () => {
  const audits = serverAudits({ url: () => stack.routerUrl });
  it.each(audits.map((audit) => [audit.name, audit] as const))('%s', async (name, audit) => {
    const result = await audit.fn();
    results.push(result);
    if (name.startsWith('MUST')) {
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    }
  });
});

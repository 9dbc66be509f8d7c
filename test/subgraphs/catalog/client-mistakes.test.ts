import { describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLBody } from '../../support/graphql';
import { captureLogs } from '../../support/logs';
import { malformedRequests } from '../../support/malformed';
import { useSubgraphs } from '../../support/subgraphs';

/**
 * Subgraph tier: a malformed request signed by the router (the router passes such requests on
 * only by mistake, but a subgraph must judge them itself) is the client's mistake: a 4xx with a
 * code, logged below error level. Error level is for server faults.
 */
const logs = captureLogs();
const harness = useSubgraphs(['catalog'], { logger: logs.logger });

async function send(body: unknown): Promise<{ status: number; body: GraphQLBody }> {
  const response = await fetch(harness.url('catalog'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...harness.set.signedAs() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

describe('a subgraph refusing a malformed request', () => {
  it.each(malformedRequests)(
    '%s: 400 with a code that is not INTERNAL_SERVER_ERROR',
    async (_what, body) => {
      const answer = await send(body);
      expect(answer.status).toBe(400);
      const codes = errorCodes(answer.body);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      expect(logs.errorLines).toEqual([]);
    },
  );
});

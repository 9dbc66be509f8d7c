import { describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLBody } from './support/graphql';
import { captureLogs } from './support/logs';
import { malformedRequests } from './support/malformed';
import { useSupergraph } from './support/supergraph';

/**
 * A client's mistake reads as the client's: through the router, a malformed request gets a 4xx
 * with a specific code (never INTERNAL_SERVER_ERROR), and neither the router nor a subgraph logs
 * it at error level, which is kept for server faults.
 */
const logs = captureLogs();
const supergraph = useSupergraph({ logger: logs.logger });

describe('the router refusing a malformed request', () => {
  it.each(malformedRequests)(
    '%s: 4xx with a specific code, not an error in the log',
    async (_what, body) => {
      const response = await fetch(supergraph.stack.routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const codes = errorCodes((await response.json()) as GraphQLBody);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      expect(logs.errorLines).toEqual([]);
    },
  );
});

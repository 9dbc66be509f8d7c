import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRequest, sendFuzz } from '../../scripts/fuzz/requests';
import { gql } from './graphql';
import { captureLogs } from './logs';
import { useSupergraph } from './supergraph';

/**
 * Property: whatever arrives — random documents over the real schema's names with hostile
 * arguments, mutated documents, random variables, random JSON, random bytes, by POST or GET —
 * the router answers with GraphQL JSON, never a 5xx nor INTERNAL_SERVER_ERROR, logs nothing at
 * error level (that is for server faults), and keeps serving afterwards.
 * `npm test` runs it in two files of 5,000 requests (two seeds), so two workers share the
 * 10,000; `npm run fuzz -- --runs 1000000` runs the same property a million times.
 */
export function fuzzTheRouter(runs: number, seed: number): void {
  // Every line the router and subgraphs log during the run, counted by level.
  const { logger, levels, errorLines } = captureLogs();
  const supergraph = useSupergraph({ logger });
  describe('fuzzing the router', () => {
    it(
      `${runs.toLocaleString('en')} random requests (seed ${seed}): no 5xx, always GraphQL JSON`,
      { timeout: 600_000 },
      async () => {
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(fuzzRequest, async (request) => {
            const outcome = await sendFuzz(supergraph.stack.routerUrl, request);
            statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
            if (outcome.problem) throw new Error(outcome.problem);
          }),
          { numRuns: runs, seed },
        );
        console.log(
          `fuzz: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
            `log lines by level ${JSON.stringify(Object.fromEntries(levels))}`,
        );
        expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
        // Error level is for server faults: a client's mistake is logged at info or warn.
        expect(errorLines).toEqual([]);
        // Both kinds of outcome happened: the generator reaches real execution, not only refusals.
        expect(statuses.get(200)).toBeGreaterThan(runs / 100);
        expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
        // Still alive and well.
        const { body } = await gql(
          supergraph.stack.routerUrl,
          '{ products(first: 1) { totalCount } }',
        );
        expect(body.errors).toBeUndefined();
      },
    );
  });
}

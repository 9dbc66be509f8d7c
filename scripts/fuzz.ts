/**
 * `npm run fuzz -- [--runs 1000000] [--url http://localhost:4000/graphql] [--seed N]`
 *
 * The fuzz property of test/fuzz.test.ts, at any scale, against a running router (default: the
 * one `npm start` runs). Prints progress and, at the end, the statuses seen; exits 1 on the first
 * answer that is a 5xx or not GraphQL JSON, with the shrunk counterexample.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { fuzzRequest, sendFuzz } from './fuzz/requests';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000000' },
    url: { type: 'string', default: 'http://localhost:4000/graphql' },
    seed: { type: 'string' },
  },
});
const runs = Number(values.runs);
const statuses = new Map<number, number>();
let done = 0;
const started = Date.now();

await fc.assert(
  fc.asyncProperty(fuzzRequest, async (request) => {
    const outcome = await sendFuzz(values.url, request);
    statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
    if (++done % 10_000 === 0) {
      const rate = done / ((Date.now() - started) / 1000);
      process.stderr.write(
        `${done.toLocaleString('en')} / ${runs.toLocaleString('en')}  ${rate.toFixed(0)} req/s\n`,
      );
    }
    if (outcome.problem) throw new Error(outcome.problem);
  }),
  { numRuns: runs, ...(values.seed ? { seed: Number(values.seed) } : {}) },
);
console.log(
  `${done.toLocaleString('en')} requests in ${((Date.now() - started) / 1000).toFixed(0)} s, no 5xx; ` +
    `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
);

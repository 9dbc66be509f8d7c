import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { SlowestFirst } from './test/support/sequencer';

/** Shared by every tier. */
const shared = {
  // Every file gets its own clone of the run's template database before it runs.
  setupFiles: ['test/support/file-database.ts'],
  // Files share no mutable state (each has its own database), so they run in parallel.
  // Modules are loaded once per worker rather than once per file: most of them (Apollo,
  // graphql-js, drizzle) are the same for every file and cost seconds to import.
  pool: 'forks' as const,
  isolate: false,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

/**
 * graphql-js as Node and the production build load it (its CommonJS "main"), not Vite's preferred
 * "module" copy: Apollo and @apollo/subgraph require the CommonJS one, and a second copy's classes
 * fail graphql-js' instanceof checks on the first one's schema. Per project: projects do not
 * inherit the root's settings.
 */
const resolve = {
  alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
};

/**
 * Test tiers (README, "Testing"):
 *   subgraph tier    test/subgraphs/: one subgraph's server or use-cases, without the router
 *   supergraph tier  the rest of test/: through the router
 *   process tier     test/e2e/: Mercato's real processes (npm start from a production install,
 *                    a killed orders process, the operator CLIs), seconds of start-up each
 *   browser          test/browser/: pages in headless Chromium (Debian's), with no network
 *                    beyond this machine
 * `npm test` runs the first two as one project, so their files share workers and loaded modules,
 * and needs no browser; `npm run test:e2e` and `npm run test:browser` (CI runs both) run the others.
 */
export default defineConfig({
  test: {
    // One migrated and seeded template database for the whole run, whichever tiers run.
    globalSetup: ['test/global-setup.ts'],
    sequence: { sequencer: SlowestFirst },
    // More workers than the 2 cores of our machines: much of a test's time is waiting (on
    // PostgreSQL, on a peer's deadline, on a timer), which another file's work can fill.
    maxWorkers: 3,
    projects: [
      {
        resolve,
        test: {
          ...shared,
          name: 'tiers',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/browser/**'],
        },
      },
      {
        resolve,
        test: { ...shared, name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000 },
      },
      {
        resolve,
        test: {
          ...shared,
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

/** Shared by every tier. */
const shared = {
  // A clone of it for every file, made before the file runs.
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
 * Three tiers, as projects (README, "Testing"):
 *   subgraphs   test/subgraphs/<name>/: one subgraph's server or use-cases, without the router
 *   supergraph  the rest of test/: through the router
 *   e2e         test/e2e/: Mercato's real processes (npm start from a production install, a
 *               killed orders process, the operator CLIs); seconds of start-up each, run by CI
 * `npm test` runs the first two; `npm run test:e2e` the third.
 */
export default defineConfig({
  test: {
    // One migrated and seeded template database for the whole run, whichever tiers run.
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { test: { ...shared, name: 'subgraphs', include: ['test/subgraphs/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'supergraph',
          include: ['test/**/*.test.ts'],
          exclude: ['test/subgraphs/**', 'test/e2e/**'],
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});

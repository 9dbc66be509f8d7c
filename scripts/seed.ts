/**
 * `npm run seed -- [--scale N] [--seed S] [--reset]`: migrates every subgraph's database and
 * fills it with deterministic data. Database URLs come from the environment as for the
 * subgraphs themselves (<NAME>_DATABASE_URL, falling back to DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import { allSubgraphDbOptions, ConfigError, subgraphNames } from '../lib/env';
import { migrateSubgraph } from '../lib/migrate';
import { DEFAULT_SCALE, DEFAULT_SEED, SeedConflictError, seedAll } from '../ops/seed/index';
import { createProgressDisplay } from '../ops/seed/progress';

const usage = `Usage: npm run seed -- [--scale N] [--seed S] [--reset]

  --scale N   size of the shop (default ${DEFAULT_SCALE}; fractions allowed; 250 ≈ 1M reviews)
  --seed S    integer seed (default ${DEFAULT_SEED}); same seed and scale, same data
  --reset     empty the subgraphs' tables first instead of refusing non-empty ones`;

function parseOptions(argv: string[]): { scale: number; seed: number; reset: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const scale = values.scale === undefined ? DEFAULT_SCALE : Number(values.scale);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  const problems: string[] = [];
  if (!Number.isFinite(scale) || scale <= 0)
    problems.push(`--scale must be a positive number, got "${values.scale}"`);
  if (!Number.isSafeInteger(seed)) problems.push(`--seed must be an integer, got "${values.seed}"`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { scale, seed, reset: values.reset };
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const urls = allSubgraphDbOptions();
  console.error(
    `Seeding Mercato: seed ${options.seed}, scale ${options.scale}${options.reset ? ', reset' : ''}`,
  );
  for (const name of subgraphNames) await migrateSubgraph(name, urls[name]);

  const display = createProgressDisplay(process.stderr);
  const summary = await seedAll({
    ...options,
    urls,
    onProgress: (progress) => display.update(progress),
  }).finally(() => display.finish());

  const width = Math.max(...Object.keys(summary.rows).map((table) => table.length));
  const lines = Object.entries(summary.rows).map(
    ([table, count]) => `  ${table.padEnd(width)}  ${count.toLocaleString('en-US').padStart(11)}`,
  );
  console.error(`\nSeeded in ${(summary.durationMs / 1000).toFixed(1)} s:\n${lines.join('\n')}`);
}

main().catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof SeedConflictError
  ) {
    console.error(error.message);
    if (error instanceof UsageError) console.error(`\n${usage}`);
    process.exit(error instanceof SeedConflictError ? 1 : 2);
  }
  console.error(error);
  process.exit(1);
});

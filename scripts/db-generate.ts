/** Generates drizzle-kit migrations for every subgraph (or those named); MIGRATION_NAME names them. */
import { spawnSync } from 'node:child_process';
import { subgraphNames } from '../lib/env';

const names = process.argv.length > 2 ? process.argv.slice(2) : subgraphNames;
for (const name of names) {
  console.log(`\n# ${name}`);
  const extra = process.env.MIGRATION_NAME ? ['--name', process.env.MIGRATION_NAME] : [];
  const result = spawnSync('npx', ['drizzle-kit', 'generate', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, SUBGRAPH: name },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

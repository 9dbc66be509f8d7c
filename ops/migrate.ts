/** `npm run db:migrate`: applies every subgraph's committed migrations to its configured database. */
import { configurationOrExit, subgraphDbOptions, subgraphNames } from '../lib/env';
import { migrateSubgraph } from '../lib/migrate';

const databases = configurationOrExit('migrate', () =>
  subgraphNames.map((name) => ({ name, options: subgraphDbOptions(name) })),
);
for (const { name, options } of databases) {
  await migrateSubgraph(name, options);
  console.log(`${name}: migrated`);
}

/** `npm run db:migrate`: applies every subgraph's committed migrations to its configured database. */
import { subgraphDbOptions, subgraphNames } from '../lib/env';
import { migrateSubgraph } from '../lib/migrate';

for (const name of subgraphNames) {
  await migrateSubgraph(name, subgraphDbOptions(name));
  console.log(`${name}: migrated`);
}

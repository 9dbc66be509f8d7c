/** `npm run db:migrate`: applies every subgraph's committed migrations to its configured database. */
import { subgraphEnv, subgraphNames } from '../lib/env';
import { migrateSubgraph } from '../lib/migrate';

for (const name of subgraphNames) {
  await migrateSubgraph(name, subgraphEnv(name).db);
  console.log(`${name}: migrated`);
}

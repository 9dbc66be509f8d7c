import { defineConfig } from 'drizzle-kit';

// One config for every subgraph: `npm run db:generate` runs drizzle-kit once per subgraph with
// SUBGRAPH set, so each subgraph's migrations live beside its tables.
const subgraph = process.env.SUBGRAPH;
if (!subgraph) throw new Error('SUBGRAPH must name the subgraph whose migrations to generate');

export default defineConfig({
  dialect: 'postgresql',
  schema: `./subgraphs/${subgraph}/db/schema.ts`,
  out: `./subgraphs/${subgraph}/db/migrations`,
  schemaFilter: [subgraph],
  casing: 'snake_case',
});

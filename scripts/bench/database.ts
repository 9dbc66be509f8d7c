import postgres from 'postgres';
import { allSubgraphDbOptions, subgraphNames } from '../../lib/env';
import { migrateSubgraph } from '../../lib/migrate';
import { seedAll } from '../../ops/seed/index';

/** DATABASE_URL, or exit with a hint: benchmarks make their own database on that server. */
export function benchServerUrl(): string {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.error(
      'set DATABASE_URL to a PostgreSQL server; the benchmark creates its own database there',
    );
    process.exit(2);
  }
  return serverUrl;
}

/**
 * The database `mercato_bench_<scale>` on `serverUrl`: created, migrated and seeded on first
 * use (seed 42), migrated on later ones. Returns its URL.
 */
export async function benchDatabase(serverUrl: string, scale: number): Promise<string> {
  const name = `mercato_bench_${String(scale).replace('.', '_')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const [found] = await admin`select 1 as found from pg_database where datname = ${name}`;
  if (!found) await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const urls = allSubgraphDbOptions({ DATABASE_URL: url.toString() });
  for (const sub of subgraphNames) await migrateSubgraph(sub, urls[sub]);
  const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const [row] = await db`select count(*)::int as n from catalog.products`;
  await db.end();
  if (row!.n === 0) {
    console.log(`seeding ${name} at scale ${scale}…`);
    const result = await seedAll({ urls, scale, seed: 42, reset: false });
    console.log(`seeded in ${(result.durationMs / 1000).toFixed(1)} s`);
  }
  return url.toString();
}

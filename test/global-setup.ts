import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { root } from '../lib/paths';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/embedded';
import { allSubgraphDbOptions, subgraphNames } from '../lib/env';
import { migrateSubgraph } from '../lib/migrate';
import { seedAll } from '../ops/seed/index';
import { databaseUrlOn, onServer } from './support/database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server the run's databases live on (its maintenance database). */
    serverUrl: string;
    /** The migrated and seeded database every test file's own database is cloned from. */
    templateDatabase: string;
  }
}

/**
 * One prefix per run, so two suites on one server (two checkouts, CI beside a developer) never
 * collide; every database of the run (template and per-file clones) starts with it.
 */
const RUN_PREFIX = `mercato_test_${process.pid}`;
const TEMPLATE = `${RUN_PREFIX}_template`;
let embedded: EmbeddedDatabase | null = null;

async function dropRunDatabases(serverUrl: string): Promise<void> {
  await onServer(serverUrl, async (sql) => {
    const rows = await sql<{ datname: string }[]>`
      select datname from pg_database where datname like ${`${RUN_PREFIX}%`}`;
    for (const { datname } of rows)
      await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  });
}

/**
 * With DATABASE_URL (CI: the machine's PostgreSQL) the tests use that server; without one they
 * use a private embedded server under .data/test-pg. Either way the run's template database is
 * made anew, migrated with the committed migrations and seeded deterministically at scale 1;
 * each test file then works on its own clone of it (test/support/database.ts), so files share
 * no mutable state and run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(root, '.data', 'test-pg'),
      port: Number(process.env.TEST_PG_PORT ?? 54_331),
      database: 'postgres',
    });
    serverUrl = embedded.url;
  }
  await dropRunDatabases(serverUrl);
  await onServer(serverUrl, (sql) => sql.unsafe(`create database "${TEMPLATE}"`));
  const urls = allSubgraphDbOptions({ DATABASE_URL: databaseUrlOn(serverUrl, TEMPLATE) });
  for (const name of subgraphNames) await migrateSubgraph(name, urls[name]);
  await seedAll({ urls, scale: 1, seed: 42, reset: false });
  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', TEMPLATE);
  return async () => {
    await dropRunDatabases(serverUrl);
    if (embedded) await embedded.stop();
  };
}

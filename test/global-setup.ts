import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { root } from '../lib/paths';
import { createDb } from '../lib/db';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/embedded';
import { allSubgraphDbOptions, dbOptionsFrom, dbSettingsEnv, subgraphNames } from '../lib/env';
import { migrateSubgraph } from '../lib/migrate';
import { seedAll } from '../scripts/seed/index';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// One database per run, so two suites on one server (two checkouts, CI beside a developer) never collide.
const TEST_DATABASE = `mercato_test_${process.pid}`;
let embedded: EmbeddedDatabase | null = null;

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = createDb(dbOptionsFrom(dbSettingsEnv({}), serverUrl, 'mercato-test-setup'), {});
  try {
    await admin.sql.unsafe(statement);
  } finally {
    await admin.close();
  }
}

/** Creates the run's test database on the server `serverUrl` points at. */
async function freshDatabase(serverUrl: string): Promise<string> {
  await onServer(serverUrl, `drop database if exists ${TEST_DATABASE} with (force)`);
  await onServer(serverUrl, `create database ${TEST_DATABASE}`);
  const url = new URL(serverUrl);
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

/**
 * With DATABASE_URL (CI: the machine's PostgreSQL) the tests use that server; without one they
 * use a private embedded server under .data/test-pg. Either way the test database is made
 * anew, migrated with the committed migrations and seeded deterministically at scale 1.
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
  const databaseUrl = await freshDatabase(serverUrl);
  const urls = allSubgraphDbOptions({ DATABASE_URL: databaseUrl });
  for (const name of subgraphNames) await migrateSubgraph(name, urls[name]);
  await seedAll({ urls, scale: 1, seed: 42, reset: false });
  project.provide('databaseUrl', databaseUrl);
  return async () => {
    await onServer(serverUrl, `drop database if exists ${TEST_DATABASE} with (force)`);
    if (embedded) await embedded.stop();
  };
}

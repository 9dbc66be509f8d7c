/**
 * Each test file's own database: a clone (CREATE DATABASE … TEMPLATE, about 80 ms) of the run's
 * migrated and seeded template (test/global-setup.ts). A file may write whatever it likes —
 * products, users, orders, partners — without another file seeing it, so files run in parallel
 * and none has to undo its writes.
 */
import { inject } from 'vitest';
import postgres from 'postgres';

/** `serverUrl` with its database replaced by `database`. */
export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `work` on one short-lived connection to the server's maintenance database. */
export async function onServer<T>(
  serverUrl: string,
  work: (sql: postgres.Sql) => Promise<T>,
): Promise<T> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** The first `count` seeded users by id: distinct callers for tests that sign in as several. */
export async function firstUsers(
  databaseUrl: string,
  count: number,
): Promise<{ id: number; email: string }[]> {
  return onServer(databaseUrl, async (sql) =>
    (await sql`select id, email from accounts.users order by id limit ${count}`).map((row) => ({
      id: Number(row.id),
      email: String(row.email),
    })),
  );
}

let clones = 0;
let current: string | null = null;

/**
 * Clones the template for the file about to run (test/support/file-database.ts calls this before
 * each file). Files in one worker run one after another, so "the current file" is well defined.
 */
export async function cloneTemplateForFile(): Promise<string> {
  const template = inject('templateDatabase');
  const name = `${template.replace(/_template$/, '')}_${process.pid}_${++clones}`;
  const serverUrl = inject('serverUrl');
  await onServer(serverUrl, (sql) =>
    sql.unsafe(`create database "${name}" template "${template}"`),
  );
  current = databaseUrlOn(serverUrl, name);
  return current;
}

/** Drops the current file's database (connections left open by the file are closed). */
export async function dropFileDatabase(): Promise<void> {
  if (!current) return;
  const name = new URL(current).pathname.slice(1);
  current = null;
  await onServer(inject('serverUrl'), (sql) =>
    sql.unsafe(`drop database if exists "${name}" with (force)`),
  );
}

/** The URL of this test file's own database (cloned from the seeded template). */
export function fileDatabaseUrl(): string {
  if (!current) throw new Error('no file database: is test/support/file-database.ts a setup file?');
  return current;
}

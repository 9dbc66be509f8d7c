import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { fileDatabaseUrl } from './database';
import { startStack, type Stack } from './stack';

/** A test file's supergraph (every server in process) and a direct connection to its database. */
export interface TestSupergraph {
  stack: Stack;
  sql: postgres.Sql;
  /** Headers of the seeded admin (user 1), who may see every order and address. */
  admin: Record<string, string>;
}

/** Starts the supergraph before the file's tests and stops it after them. */
export function useSupergraph(options: Parameters<typeof startStack>[1] = {}): TestSupergraph {
  const databaseUrl = fileDatabaseUrl();
  const supergraph = {} as TestSupergraph;
  beforeAll(async () => {
    supergraph.sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    supergraph.stack = await startStack(databaseUrl, options);
    supergraph.admin = await supergraph.stack.authAs(1, ['ADMIN']);
  });
  afterAll(async () => {
    await supergraph.stack?.stop();
    await supergraph.sql?.end();
  });
  return supergraph;
}

/**
 * A vitest setup file: runs before every test file (in every worker, isolated or not) and gives
 * the file its own database before the file's module — whose top level may read
 * fileDatabaseUrl() — is evaluated. The database is dropped after the file's last hook (hooks
 * registered here run after the file's own afterAll, which stop its servers and pools).
 */
import { afterAll } from 'vitest';
import { cloneTemplateForFile, dropFileDatabase } from './database';

await cloneTemplateForFile();
afterAll(dropFileDatabase);

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for files the processes read at run time. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

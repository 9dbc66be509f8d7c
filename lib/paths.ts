import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for files the processes read at run time. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The composed supergraph, committed: the router serves it, `npm run compose` writes it. */
export const supergraphPath = path.join(root, 'schema', 'supergraph.graphql');

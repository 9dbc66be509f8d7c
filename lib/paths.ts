import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `from` that holds `marker`. */
function nearestHolding(from: string, marker: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, marker))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`no ${marker} in ${from} or above`);
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The folder of the files the processes read at run time — schema/, each subgraph's
 * schema.graphql and migrations: the repository when run from source, dist/ when run from the
 * build (`npm run build` copies them there, so a build needs nothing of the sources). Found from
 * this module's own location, which a bundle moves to dist/: the nearest folder holding the
 * supergraph.
 */
export const root = nearestHolding(here, path.join('schema', 'supergraph.graphql'));

/** The package (where package.json and node_modules are): the repository, or dist/'s parent. */
export const packageRoot = nearestHolding(here, 'package.json');

/** The composed supergraph, committed: the router serves it, `npm run compose` writes it. */
export const supergraphPath = path.join(root, 'schema', 'supergraph.graphql');

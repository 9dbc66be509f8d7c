/**
 * Composition of the supergraph, a build-time step (`npm run compose`, its --check in CI and the
 * tests). @apollo/composition stays out of every running process: the router reads the
 * committed result (lib/supergraph.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { defaultPorts, subgraphNames } from '../lib/env';
import { root } from '../lib/paths';

const acceptedHintsPath = path.join(root, 'schema', 'accepted-hints.json');

export interface Composition {
  supergraphSdl: string | null;
  errors: string[];
  /** Hints composition raised that schema/accepted-hints.json does not list. */
  unacceptedHints: string[];
}

/**
 * Composes the five subgraph SDLs into a Federation 2 supergraph. The URLs written into it are
 * the local defaults; the router takes real ones from its configuration.
 */
export function composeSupergraph(): Composition {
  const result = composeServices(
    subgraphNames.map((name) => ({
      name,
      url: `http://localhost:${defaultPorts[name]}/graphql`,
      typeDefs: parse(readFileSync(path.join(root, 'subgraphs', name, 'schema.graphql'), 'utf8')),
    })),
  );
  const accepted = new Set<string>(JSON.parse(readFileSync(acceptedHintsPath, 'utf8')) as string[]);
  const unacceptedHints = (result.hints ?? [])
    .map((hint) => `${hint.definition.code}: ${hint.message}`)
    .filter((hint) => !accepted.has(hint));
  if (result.errors)
    return { supergraphSdl: null, errors: result.errors.map((e) => e.message), unacceptedHints };
  return { supergraphSdl: result.supergraphSdl, errors: [], unacceptedHints };
}

/**
 * The persisted-query manifest: Apollo's persisted query list format, plus a sidecar that says
 * which client class may run each operation. This module only reads; scripts/operations.ts
 * (through scripts/operations/build.ts) writes both files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../../lib/hash';
import { isRecord } from '../../lib/json';
import { root } from '../../lib/paths';

/** Who may run an operation by its id: the first-party web shop or partner integrations. */
export type OperationClass = 'app' | 'partner';
export const operationClasses: readonly OperationClass[] = ['app', 'partner'];

export type OperationType = 'query' | 'mutation' | 'subscription';

/** One entry of Apollo's persisted query list (`@apollo/generate-persisted-query-manifest`). */
export interface ManifestOperation {
  id: string;
  name: string;
  type: OperationType;
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

/** schema/operations/classes.json: the class of every manifest id. */
export type OperationClasses = Record<string, OperationClass>;

/** A listed operation as the router knows it. */
export interface PersistedOperation extends ManifestOperation {
  class: OperationClass;
}

/** The router's view of the manifest: listed operations by id. */
export interface PersistedQueryRegistry {
  byId: ReadonlyMap<string, PersistedOperation>;
}

/** Where the operations and their manifest live (the router loads the manifest at start). */
export const operationsDir = path.join(root, 'schema', 'operations');
export const manifestPath = path.join(operationsDir, 'manifest.json');

function fail(file: string, message: string): never {
  throw new Error(`${file}: ${message}`);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(file, `cannot read JSON (${(error as Error).message})`);
  }
}

/** Checks a parsed manifest's shape: the router refuses to start on a malformed one. */
export function parseManifest(value: unknown, file = 'manifest'): PersistedQueryManifest {
  if (!isRecord(value) || value.format !== 'apollo-persisted-query-manifest' || value.version !== 1)
    fail(file, 'not an apollo-persisted-query-manifest, version 1');
  if (!Array.isArray(value.operations)) fail(file, '`operations` must be an array');
  const operations = value.operations.map((op: unknown, i): ManifestOperation => {
    if (
      !isRecord(op) ||
      typeof op.id !== 'string' ||
      typeof op.name !== 'string' ||
      typeof op.body !== 'string' ||
      (op.type !== 'query' && op.type !== 'mutation' && op.type !== 'subscription')
    )
      return fail(file, `operations[${i}] needs string id, name and body and a valid type`);
    return { id: op.id, name: op.name, type: op.type, body: op.body };
  });
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

/** Where the classes sidecar lives: beside the manifest. */
export function classesPathFor(manifestPath: string): string {
  return path.join(path.dirname(manifestPath), 'classes.json');
}

/** The registry from a manifest and its classes, checked: every id unique and classified. */
export function createRegistry(
  manifest: PersistedQueryManifest,
  classes: Readonly<Record<string, unknown>>,
  file = 'manifest',
): PersistedQueryRegistry {
  const byId = new Map<string, PersistedOperation>();
  for (const op of manifest.operations) {
    if (byId.has(op.id)) fail(file, `id ${op.id} is listed twice`);
    // The id is what a client names; it must be the body's own hash or a client could be
    // served a different document than the one reviewed under that id.
    if (sha256Hex(op.body) !== op.id) fail(file, `${op.name}: id is not the sha256 of its body`);
    const cls = classes[op.id];
    if (cls !== 'app' && cls !== 'partner') fail(file, `${op.name}: no class in classes.json`);
    byId.set(op.id, { ...op, class: cls });
  }
  return { byId };
}

/**
 * Loads schema/operations/manifest.json and its classes.json sidecar (beside it unless given).
 * Throws, naming the file, on anything malformed: a router must not start with half a list.
 */
export function loadPersistedQueries(
  manifestPath: string,
  classesPath = classesPathFor(manifestPath),
): PersistedQueryRegistry {
  const manifest = parseManifest(readJson(manifestPath), manifestPath);
  const classes = readJson(classesPath);
  if (!isRecord(classes)) fail(classesPath, 'must be an object of id → "app" | "partner"');
  return createRegistry(manifest, classes, manifestPath);
}

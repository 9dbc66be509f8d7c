/**
 * Builds the persisted-query manifest from schema/operations/<class>/*.graphql: one named
 * operation per file (with any fragments it uses), validated against the supergraph's API
 * schema. Used by scripts/operations.ts and the tests; the router only reads the result
 * (router/persisted/manifest.ts). Build time only: it loads Apollo Client and federation-internals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addTypenameToDocument } from '@apollo/client/utilities';
import { sortTopLevelDefinitions } from '@apollo/persisted-query-lists';
import { Supergraph } from '@apollo/federation-internals';
import {
  buildASTSchema,
  Kind,
  parse,
  print,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { sha256Hex } from '../../lib/hash';
import { root } from '../../lib/paths';
import {
  operationsDir,
  operationClasses,
  type ManifestOperation,
  type OperationClass,
  type OperationClasses,
  type PersistedQueryManifest,
} from '../../router/persisted/manifest';

export const classesPath = path.join(operationsDir, 'classes.json');

/** One operation document as written, with where it came from. */
export interface OperationSource {
  file: string;
  class: OperationClass;
  source: string;
}

/** Every `.graphql` file under schema/operations/app and schema/operations/partner. */
export function readOperationSources(dir = operationsDir): OperationSource[] {
  return operationClasses.flatMap((cls) =>
    readdirSync(path.join(dir, cls))
      .filter((name) => name.endsWith('.graphql'))
      .sort()
      .map((name) => {
        const file = path.join(dir, cls, name);
        return { file, class: cls, source: readFileSync(file, 'utf8') };
      }),
  );
}

/**
 * The supergraph's API schema: what clients can query (no join__ or link__ machinery). Rebuilt
 * from its AST with this module's graphql, which need not be the copy federation-internals
 * loaded (CommonJS beside ESM): a GraphQLSchema only validates with the realm that made it.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(Supergraph.build(supergraphSdl).apiSchema().toAST());
}

/**
 * The body Apollo Client sends for `document`, which is also the body
 * `@apollo/generate-persisted-query-manifest` writes: the document after the cache's
 * `__typename` transform, definitions sorted, printed by graphql-js. Its sha256 is the id, so a
 * client hashing what it sends (the persisted-query link's default, or
 * `generatePersistedQueryIdsAtRuntime`) computes the id the manifest lists. Both transforms come
 * from Apollo's own packages (build time only), so the ids follow Apollo Client as it changes.
 */
export function clientBody(document: DocumentNode): string {
  return print(sortTopLevelDefinitions(addTypenameToDocument(document)));
}

export interface BuiltOperations {
  manifest: PersistedQueryManifest;
  classes: OperationClasses;
  /** Every problem found, each naming its file; the outputs are not to be written unless empty. */
  errors: string[];
}

/**
 * Parses, checks and normalises every source. A document must hold exactly one named operation,
 * named as its file, unique across classes; it must validate against `schema` as Apollo Client
 * would send it (with `__typename` added). Entries are ordered by name, as Apollo's generator
 * orders them.
 */
export function buildOperations(
  sources: OperationSource[],
  schema: GraphQLSchema,
): BuiltOperations {
  const errors: string[] = [];
  const entries: (ManifestOperation & { class: OperationClass })[] = [];
  const seen = new Map<string, string>();
  for (const { file, class: cls, source } of sources) {
    const where = path.relative(root, file);
    let document;
    try {
      document = parse(source);
    } catch (error) {
      errors.push(`${where}: ${(error as Error).message}`);
      continue;
    }
    const operations = document.definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const [operation] = operations;
    if (operations.length !== 1 || !operation) {
      errors.push(`${where}: must hold exactly one operation, found ${operations.length}`);
      continue;
    }
    const name = operation.name?.value;
    if (!name) {
      errors.push(`${where}: the operation must be named`);
      continue;
    }
    if (path.basename(file, '.graphql') !== name)
      errors.push(`${where}: the operation is ${name}; name the file ${name}.graphql`);
    const other = seen.get(name);
    if (other) errors.push(`${where}: operation ${name} is already defined in ${other}`);
    seen.set(name, where);
    const body = clientBody(document);
    for (const error of validate(schema, parse(body)))
      errors.push(`${where}: ${error.message.replace(/\s+/g, ' ')}`);
    entries.push({ id: sha256Hex(body), name, type: operation.operation, body, class: cls });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    manifest: {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: entries.map(({ id, name, type, body }) => ({ id, name, type, body })),
    },
    classes: Object.fromEntries(entries.map((e) => [e.id, e.class])),
    errors,
  };
}

/** The files' text exactly as committed (JSON.stringify's layout is also Prettier's). */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** What `npm run operations` writes for the documents under `dir`: manifest.json and classes.json. */
export function operationOutputs(
  supergraphSdl: string,
  dir = operationsDir,
): { outputs: { file: string; text: string }[]; built: BuiltOperations } {
  const built = buildOperations(readOperationSources(dir), apiSchemaOf(supergraphSdl));
  return {
    built,
    outputs: [
      { file: path.join(dir, 'manifest.json'), text: renderJson(built.manifest) },
      { file: path.join(dir, 'classes.json'), text: renderJson(built.classes) },
    ],
  };
}

/** The outputs whose committed text differs from what the documents make now. */
export function staleOutputs(outputs: { file: string; text: string }[]): string[] {
  const committed = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  };
  return outputs.filter(({ file, text }) => committed(file) !== text).map(({ file }) => file);
}

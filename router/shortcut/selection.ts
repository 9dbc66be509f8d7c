/**
 * Whether a client's operation and a subgraph fetch ask for the same answer: both selections
 * written out in one canonical form, which is only made when it is certain that the subgraph's
 * `data` for the fetch is, key for key and in order, what the gateway's result shaping would make
 * of it for the client (router/shortcut/executor.ts). Anything else — an abstract type, a
 * directive, introspection, an enum whose values the API schema hides — yields null, and the
 * request takes the gateway's normal path.
 */
import {
  Kind,
  print,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * The kind of a schema type by its tag, not graphql's `instanceof` predicates: the API schema is
 * built by the gateway's copy of graphql, which need not be the one this module loads (CommonJS
 * beside ESM).
 */
function kindOf(type: GraphQLNamedType): string {
  return (type as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag];
}

function namedType(type: GraphQLOutputType): GraphQLNamedType {
  let inner: unknown = type;
  while (typeof inner === 'object' && inner !== null && 'ofType' in inner) inner = inner.ofType;
  return inner as GraphQLNamedType;
}

/** The fragments of a document by name. */
export type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/** Whether the API schema shows every value the subgraphs may return for this enum. */
export type EnumCheck = (name: string) => boolean;

interface Collected {
  name: string;
  args: string;
  /** Every selection set this response key was given, merged as GraphQL's field collection does. */
  selectionSets: SelectionSetNode[];
}

/**
 * The selection's canonical form on `parent` (an object type of the API schema), or null when
 * it is not one the shortcut may take. Fragments are spread in place (on an object type every
 * valid fragment applies), fields with one response key are merged in first-seen order (as
 * GraphQL execution orders the keys), and arguments are sorted by name.
 */
export function canonicalSelection(
  schema: GraphQLSchema,
  parent: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  fragments: Fragments,
  enumShown: EnumCheck,
): string | null {
  const fields = new Map<string, Collected>();
  if (!collect(selectionSets, fragments, fields, new Set())) return null;
  const parts: string[] = [];
  for (const [key, field] of fields) {
    if (field.name === '__typename') {
      // On an object type the gateway answers the type's own name, as the subgraph does.
      if (field.selectionSets.length > 0 || field.args !== '') return null;
      parts.push(`${key}:__typename`);
      continue;
    }
    // Introspection (__schema, __type) is answered by the gateway itself, never fetched.
    if (field.name.startsWith('__') || key.startsWith('__')) return null;
    const definition = parent.getFields()[field.name];
    if (!definition) return null;
    const type = namedType(definition.type);
    const kind = kindOf(type);
    if (kind === 'GraphQLObjectType') {
      const inner = canonicalSelection(
        schema,
        type as GraphQLObjectType,
        field.selectionSets,
        fragments,
        enumShown,
      );
      if (inner === null) return null;
      parts.push(`${key}:${field.name}(${field.args}){${inner}}`);
    } else if (
      kind === 'GraphQLScalarType' ||
      (kind === 'GraphQLEnumType' && enumShown(type.name))
    ) {
      // A subgraph serialises built-in scalars as their types require; custom scalars pass
      // through the gateway unchecked.
      if (field.selectionSets.length > 0) return null;
      parts.push(`${key}:${field.name}(${field.args})`);
    } else {
      // Interfaces and unions: the gateway checks and rewrites __typename and type conditions.
      return null;
    }
  }
  return parts.join(',');
}

/** Collects the fields of `selectionSets` by response key; false on anything not taken. */
function collect(
  selectionSets: readonly SelectionSetNode[],
  fragments: Fragments,
  into: Map<string, Collected>,
  spread: Set<string>,
): boolean {
  for (const selectionSet of selectionSets) {
    for (const selection of selectionSet.selections) {
      // @skip/@include and any other directive: the gateway evaluates them with the client's
      // variables, which the shortcut does not reproduce.
      if (selection.directives && selection.directives.length > 0) return false;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const args = [...(selection.arguments ?? [])]
          .sort((a, b) => (a.name.value < b.name.value ? -1 : 1))
          .map((arg) => `${arg.name.value}:${print(arg.value)}`)
          .join(',');
        const existing = into.get(key);
        if (existing && (existing.name !== selection.name.value || existing.args !== args))
          return false;
        const field = existing ?? { name: selection.name.value, args, selectionSets: [] };
        if (selection.selectionSet) field.selectionSets.push(selection.selectionSet);
        into.set(key, field);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!collect([selection.selectionSet], fragments, into, spread)) return false;
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // A fragment spread twice adds nothing; one that is missing is not ours to judge.
        if (spread.has(name)) continue;
        if (!fragment || (fragment.directives && fragment.directives.length > 0)) return false;
        spread.add(name);
        if (!collect([fragment.selectionSet], fragments, into, spread)) return false;
      }
    }
  }
  return true;
}

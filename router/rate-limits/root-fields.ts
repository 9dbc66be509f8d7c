import {
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isRecord } from '../../lib/json';

export interface RootField {
  name: string;
  /** The argument's value, variables substituted; undefined when the field does not give it. */
  argument(name: string, variables: Record<string, unknown>): Record<string, unknown> | undefined;
}

/**
 * Every field named in `names` at the root of `operation`: each alias counts, and fields spread
 * there by fragments and inline fragments too (whatever @skip/@include say: a limit counts what
 * could run). Fragment cycles are refused by validation before this runs; a fragment met again
 * on its own path is still skipped, so this always terminates.
 */
export function rootFields(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  names: readonly string[],
): RootField[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  // Each fragment's fields once, reused wherever it is spread: a fragment "bomb" (each spreading
  // the next ten times) costs linear time. The output itself is bounded by the root-field limit
  // validation applied before (router/limits/root-fields.ts counts spreads the same way).
  const memo = new Map<string, RootField[]>();
  const visit = (selectionSet: SelectionSetNode, path: Set<string>): RootField[] => {
    const found: RootField[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (names.includes(selection.name.value)) found.push(rootField(selection));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        found.push(...visit(selection.selectionSet, path));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || path.has(name)) continue;
        let fields = memo.get(name);
        if (!fields) {
          fields = visit(fragment.selectionSet, new Set([...path, name]));
          memo.set(name, fields);
        }
        found.push(...fields);
      }
    }
    return found;
  };
  return visit(operation.selectionSet, new Set());
}

function rootField(field: FieldNode): RootField {
  return {
    name: field.name.value,
    argument(name, variables) {
      const node = field.arguments?.find((a) => a.name.value === name);
      if (!node) return undefined;
      const value: unknown = valueFromASTUntyped(node.value, variables);
      return isRecord(value) ? value : undefined;
    },
  };
}

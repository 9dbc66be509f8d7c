import {
  Kind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { LimitCode, OperationLimitError } from './errors';

/**
 * Relay connection plumbing: the fields between a list and its items (and its page info). They
 * add nesting, not meaning — `products → edges → node → reviews → edges → node → author` asks for
 * three things — so they do not spend the depth budget (DESIGN.md §7). What a connection can
 * cost is the cost limit's to judge, from its `first`.
 */
const PLUMBING = new Set(['edges', 'node', 'nodes', 'pageInfo']);

/**
 * MAX_DEPTH: the deepest chain of fields an operation asks for, connection plumbing not counted,
 * leaf included (`{ product { name } }` is 2). Fragments are flattened: a spread adds no level of
 * its own, and each fragment's depth is computed once (so spreads cannot multiply the work).
 * Only a real `__schema` field (introspection, which the explorer needs) is exempt, never a
 * fragment that merely has that name (graphql-armor advisory GHSA-224p-v68g-5g8f).
 */
export function maxDepth(limit: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition);
    }
    const fragmentDepth = new Map<string, number>();
    const visiting = new Set<string>();

    function depthOf(selectionSet: SelectionSetNode): number {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth = 0;
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          if (name === '__schema') continue;
          const own = PLUMBING.has(name) ? 0 : 1;
          depth = own + (selection.selectionSet ? depthOf(selection.selectionSet) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet);
        } else {
          depth = spreadDepth(selection.name.value);
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    }

    function spreadDepth(name: string): number {
      const known = fragmentDepth.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      // An unknown fragment or a cycle is another rule's error (KnownFragmentNames,
      // NoFragmentCycles); here it only must not recurse forever.
      if (!fragment || visiting.has(name)) return 0;
      visiting.add(name);
      const depth = depthOf(fragment.selectionSet);
      visiting.delete(name);
      fragmentDepth.set(name, depth);
      return depth;
    }

    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > limit) {
          context.reportError(
            new OperationLimitError(
              LimitCode.depth,
              `Query depth limit of ${limit} exceeded, found ${depth}.`,
              { nodes: [operation] },
            ),
          );
        }
      },
    };
  };
}

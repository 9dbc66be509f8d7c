import {
  Kind,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { LimitCode, OperationLimitError } from './errors';

/**
 * Apollo Router's max_root_fields: the fields at the top of an operation, those of fragments and
 * inline fragments spread there included, each alias counted. graphql-armor has no equivalent.
 */
export function maxRootFields(n: number): ValidationRule {
  return (context: ValidationContext) => {
    // Fields a fragment puts at the root; a fragment met again on its own path (a cycle, which
    // NoFragmentCyclesRule reports) adds nothing, so this always terminates.
    const memo = new Map<string, number>();
    const count = (selectionSet: SelectionSetNode, path: Set<string>): number => {
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) total += 1;
        else if (selection.kind === Kind.INLINE_FRAGMENT)
          total += count(selection.selectionSet, path);
        else total += countFragment(context.getFragment(selection.name.value), path);
      }
      return total;
    };
    const countFragment = (
      fragment: FragmentDefinitionNode | null | undefined,
      path: Set<string>,
    ): number => {
      if (!fragment) return 0;
      const name = fragment.name.value;
      const known = memo.get(name);
      if (known !== undefined) return known;
      if (path.has(name)) return 0;
      path.add(name);
      const total = count(fragment.selectionSet, path);
      path.delete(name);
      memo.set(name, total);
      return total;
    };
    return {
      OperationDefinition(operation) {
        const fields = count(operation.selectionSet, new Set());
        if (fields > n) {
          context.reportError(
            new OperationLimitError(
              LimitCode.rootFields,
              `Root fields limit of ${n} exceeded, found ${fields}.`,
              { nodes: [operation] },
            ),
          );
        }
        return false; // nothing below the operation concerns this rule
      },
    };
  };
}

import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { LimitCode, OperationLimitError } from './errors';

/**
 * graphql-armor's counting (cycle-safe, each fragment counted once), reported our way: instead of
 * throwing (armor's default, which would escape graphql's validate() as a 500 in Apollo Server),
 * its rejection becomes a validation error with our code.
 */
function reportAs(code: LimitCode) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        // Armor prefixes its messages "Syntax Error: " though nothing is wrong with the syntax.
        const message = error.message.replace(/^Syntax Error: /, '');
        context?.reportError(new OperationLimitError(code, message));
      },
    ],
  };
}

/** Aliased fields; an alias on `__typename` is free (armor's allow list). */
export function maxAliases(n: number): ValidationRule {
  return maxAliasesRule({ n, ...reportAs(LimitCode.aliases) });
}

/** Directives on the operation, its fields, fragments and spreads. */
export function maxDirectives(n: number): ValidationRule {
  return maxDirectivesRule({ n, ...reportAs(LimitCode.directives) });
}

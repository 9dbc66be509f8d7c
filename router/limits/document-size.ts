import type { ValidationContext, ValidationRule } from 'graphql';
import { LimitCode, OperationLimitError } from './errors';

/**
 * graphql-armor's character-limit: the document's length in characters. Apollo Server has no
 * hook before parsing that can answer cleanly, so this runs as the first thing validation sees;
 * parsing itself was bounded by the token limit, and the body by MAX_BODY_BYTES.
 */
export function maxDocumentChars(n: number): ValidationRule {
  return (context: ValidationContext) => ({
    Document(document) {
      const length = document.loc?.source.body.length ?? 0;
      if (length > n) {
        context.reportError(
          new OperationLimitError(
            LimitCode.documentChars,
            `Document characters limit of ${n} exceeded, found ${length}.`,
          ),
        );
      }
    },
  });
}

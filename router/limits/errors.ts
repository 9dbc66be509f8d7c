import { GraphQLError, type ASTNode } from 'graphql';

/**
 * The codes of refused operations. Apollo Router's names where it has the limit (MAX_DEPTH_LIMIT,
 * MAX_ALIASES_LIMIT, MAX_ROOT_FIELDS_LIMIT; COST_ESTIMATED_TOO_EXPENSIVE from its demand
 * control); the same MAX_*_LIMIT pattern for the limits it lacks.
 */
export const LimitCode = {
  depth: 'MAX_DEPTH_LIMIT',
  aliases: 'MAX_ALIASES_LIMIT',
  rootFields: 'MAX_ROOT_FIELDS_LIMIT',
  directives: 'MAX_DIRECTIVES_LIMIT',
  tokens: 'MAX_TOKENS_LIMIT',
  documentChars: 'MAX_DOCUMENT_CHARS_LIMIT',
  cost: 'COST_ESTIMATED_TOO_EXPENSIVE',
  variablesDepth: 'MAX_VARIABLES_DEPTH_LIMIT',
} as const;
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/**
 * An operation refused by a limit: HTTP 400 and a precise `extensions.code`. Apollo Server wraps
 * validation errors and overwrites their code with GRAPHQL_VALIDATION_FAILED; the limits plugin
 * (plugin.ts) puts this code back, recognising the error by this class.
 */
export class OperationLimitError extends GraphQLError {
  constructor(
    code: LimitCode,
    message: string,
    options: { nodes?: readonly ASTNode[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(message, {
      ...(options.nodes ? { nodes: options.nodes } : {}),
      extensions: { ...options.extensions, code, http: { status: 400 } },
    });
    this.name = 'OperationLimitError';
  }

  get code(): LimitCode {
    return this.extensions.code as LimitCode;
  }
}

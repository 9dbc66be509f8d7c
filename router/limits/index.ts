import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError, ParseOptions, ValidationRule } from 'graphql';
import type { Logger } from '../../lib/log';
import { maxAliases, maxDirectives } from './armor';
import { maxDepth } from './depth';
import type { LimitsConfig } from './config';
import { maxDocumentChars } from './document-size';
import { limitsPlugin } from './plugin';
import { requestIds } from './request-id';
import { knownOperationTypes } from './operation-types';
import { maxRootFields } from './root-fields';

export { defaultLimits, limitSettings, limitsFromEnv, type LimitsConfig } from './config';
export { LimitCode, OperationLimitError } from './errors';
export { estimateCost } from './cost';

export interface OperationLimits<TContext extends BaseContext> {
  /** Apollo Server's `validationRules`: document-shape limits, checked with validation. */
  validationRules: ValidationRule[];
  /** Apollo Server's `parseOptions`: the token limit, enforced by graphql-js's parser. */
  parseOptions: ParseOptions;
  /** Cost (needs the variables), precise error codes, request ids. */
  plugins: ApolloServerPlugin<TContext>[];
  /** Apollo Server's `allowBatchedHttpRequests`. */
  allowBatchedHttpRequests: boolean;
  /** Apollo Server's `formatError`: masks internal errors, with a request id, logged. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/**
 * Everything the router refuses before a resolver runs (DESIGN.md §4): spread the parts into the
 * router's ApolloServer options. Each refusal is a GraphQL error with HTTP 400 and a code of
 * LimitCode; none reaches a subgraph.
 */
export function operationLimits<TContext extends BaseContext>(
  config: LimitsConfig,
  logger: Logger,
): OperationLimits<TContext> {
  const ids = requestIds<TContext>(logger);
  return {
    validationRules: [
      knownOperationTypes,
      maxDocumentChars(config.maxDocumentChars),
      maxDepth(config.maxDepth),
      maxAliases(config.maxAliases),
      maxRootFields(config.maxRootFields),
      maxDirectives(config.maxDirectives),
    ],
    parseOptions: { maxTokens: config.maxTokens },
    plugins: [ids.plugin, limitsPlugin<TContext>(config)],
    allowBatchedHttpRequests: config.allowBatchedRequests,
    formatError: ids.formatError,
  };
}

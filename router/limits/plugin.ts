import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { LimitsConfig } from './config';
import { estimateCost } from './cost';
import { LimitCode, OperationLimitError } from './errors';
import { checkVariables } from './variables';

/** graphql-js's message when `parse(…, { maxTokens })` stops (its typo included, in 16.x). */
const TOKEN_LIMIT_MESSAGE = /Document contains more th(?:at|an) \d+ tokens\. Parsing aborted\./;

/**
 * Gives refused operations their precise code. Apollo Server wraps every validation error in
 * one coded GRAPHQL_VALIDATION_FAILED and every parse error in GRAPHQL_PARSE_FAILED; this runs
 * on those wrappers before they are formatted and restores the limit's own code.
 */
export function restoreLimitCode(error: GraphQLError): void {
  const extensions = error.extensions as Record<string, unknown>;
  if (error.originalError instanceof OperationLimitError && error.originalError !== error) {
    extensions.code = error.originalError.code;
  } else if (
    extensions.code === 'GRAPHQL_PARSE_FAILED' &&
    TOKEN_LIMIT_MESSAGE.test(error.message)
  ) {
    extensions.code = LimitCode.tokens;
  }
}

/** graphql-js's suggestion suffix, as Apollo Server's DisableSuggestions plugin matches it. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/**
 * The limits that need the resolved operation and its variables — the variables' shape and the
 * estimated cost — checked in didResolveOperation: after validation, before the query plan runs,
 * so nothing reaches a subgraph. Also restores the codes of the limits checked earlier
 * (validation, parsing) and, where suggestions are off, removes them from every error.
 */
export function limitsPlugin<TContext extends BaseContext>(
  config: Pick<
    LimitsConfig,
    'maxCost' | 'defaultFirst' | 'assumedListSize' | 'maxVariablesDepth' | 'suggestions'
  >,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          checkVariables(request.variables, config.maxVariablesDepth);
          // No operation to run: an operationName the document lacks, or several operations and
          // no name. Apollo Server leaves that to the gateway, which answers 500; it is the
          // client's mistake, so answer it here as Apollo Server does without a gateway.
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? `Unknown operation named "${request.operationName}".`
                : 'Must provide operation name if query contains multiple operations.',
              { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
            );
          }
          const estimated = estimateCost(schema, document, operation, request.variables, config);
          if (estimated > config.maxCost) {
            const shown = Math.min(estimated, Number.MAX_SAFE_INTEGER);
            throw new OperationLimitError(
              LimitCode.cost,
              `Operation estimated cost ${shown} exceeded configured maximum ${config.maxCost}`,
              { extensions: { cost: { estimated: shown, max: config.maxCost } } },
            );
          }
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            restoreLimitCode(error);
            // Apollo's hideSchemaDetailsFromClientErrors strips suggestions from validation
            // errors only; variable coercion errors ("Field "serch" is not defined by type
            // "ProductFilter". Did you mean "search"?") come later, from execution.
            if (!config.suggestions) error.message = error.message.replace(SUGGESTION, '');
          }
        },
      };
    },
  };
}

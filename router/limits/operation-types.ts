import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * An operation whose type the schema has no root for (a subscription here) is a validation
 * error. graphql-js leaves it to execution, and the gateway's query planner then throws
 * INVALID_GRAPHQL, which reached clients as HTTP 500 (found by test/fuzz.test.ts).
 */
export const knownOperationTypes: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    const root = context.getSchema().getRootType(node.operation);
    if (!root) {
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations`, { nodes: [node] }),
      );
    }
  },
});

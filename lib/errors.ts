import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './log';

/** A client mistake in an argument: extensions.code BAD_USER_INPUT, with the argument's name. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argumentName: argument } : {}) },
  });
}

/**
 * Apollo's formatError hook: errors a resolver raised on purpose (they carry a code other than
 * INTERNAL_SERVER_ERROR) pass through; anything else — SQL errors, bugs — reaches the client
 * only as "Internal server error", and the log keeps the detail.
 */
/** What a client sees of an unexpected error: where it happened, never what it was. */
export function maskedError(
  formatted: GraphQLFormattedError,
  extensions: Record<string, unknown> = {},
): GraphQLFormattedError {
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...extensions },
  };
}

export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error');
    return maskedError(formatted);
  };
}

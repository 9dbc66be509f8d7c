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

/**
 * Whether `error` is Apollo Server's own refusal of a malformed request (a body that is no GraphQL
 * request, a hash that does not match its query…): a 4xx status and no code of its own, which
 * Apollo's formatting would turn into INTERNAL_SERVER_ERROR. Read structurally: the error may
 * come from another copy of graphql-js.
 */
export function isClientMistake(error: unknown): boolean {
  const extensions = (
    error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null
  )?.extensions;
  const status = extensions?.http?.status;
  return (
    extensions?.code === undefined && typeof status === 'number' && status >= 400 && status < 500
  );
}

/** Apollo's refusal of a malformed request, as the client's mistake it is: BAD_REQUEST. */
export function badRequest(
  formatted: GraphQLFormattedError,
  extensions: Record<string, unknown> = {},
): GraphQLFormattedError {
  return { message: formatted.message, extensions: { code: 'BAD_REQUEST', ...extensions } };
}

export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    if (isClientMistake(error)) {
      logger.info({ reason: formatted.message }, 'request refused');
      return badRequest(formatted);
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error');
    return maskedError(formatted);
  };
}

import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { badRequest, isClientMistake, maskedError } from '../../lib/errors';
import type { Logger } from '../../lib/log';
import { ANONYMOUS } from '../../lib/metrics/bounded';
import {
  currentRequest,
  noteAccess,
  REQUEST_ID_HEADER,
  requestIdFrom,
} from '../../lib/request-scope';

const INTERNAL = 'INTERNAL_SERVER_ERROR';

/**
 * Whether an error must reach the client masked: no code, INTERNAL_SERVER_ERROR, or
 * DOWNSTREAM_SERVICE_ERROR — the code @apollo/gateway gives a subgraph error that had none, with
 * the subgraph's own message (a SQL error, a stack line…), which lib/errors.ts's maskErrors
 * would pass through.
 */
function isInternal(formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.code;
  return !code || code === INTERNAL || code === 'DOWNSTREAM_SERVICE_ERROR';
}

/**
 * The error under Apollo's and graphql's wrappers: what the log needs. (Read structurally: the
 * wrappers may come from another instance of the graphql module than this file's.)
 */
function cause(error: unknown): unknown {
  let inner = error;
  for (let i = 0; i < 10; i++) {
    const next = (inner as { originalError?: unknown } | null)?.originalError;
    if (!next || typeof next !== 'object') break;
    inner = next;
  }
  return inner;
}

/**
 * Request ids for masked errors. Every request gets an id (the caller's X-Request-Id when it is a
 * plain token, else a UUID), answered in the X-Request-Id header. Every error that reaches the
 * client as INTERNAL_SERVER_ERROR says only "Internal server error" plus
 * `extensions.requestId`, and the router logs the detail under the same `requestId`.
 *
 * `formatError` is the router's Apollo `formatError`: it masks, logs and adds the id, for errors
 * of the pipeline (tied to their request by `plugin`) and outside it (context creation: a fresh
 * id, logged too).
 */
export function requestIds<TContext extends BaseContext>(logger: Logger) {
  const idOfError = new WeakMap<object, string>();
  const idOfRequest = new WeakMap<object, string>();

  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart(requestContext) {
      // The HTTP layer gave the request its id (lib/request-scope.ts); requests executed without
      // it (executeOperation in tests) get one here.
      const id =
        currentRequest()?.requestId ??
        requestIdFrom(requestContext.request.http?.headers.get(REQUEST_ID_HEADER));
      idOfRequest.set(requestContext, id);
      requestContext.response.http.headers.set('x-request-id', id);
      return {
        // The access-log line names the operation as Apollo resolved it from the document.
        async didResolveOperation({ operationName }) {
          noteAccess({ operation: operationName ?? ANONYMOUS });
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) idOfError.set(error, id);
        },
      };
    },
    // A plugin hook that throws ends the request outside the pipeline; Apollo would answer with a
    // bare "Internal server error". Rethrown as this, it keeps the request's id (and the cause).
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      const id = idOfRequest.get(requestContext) ?? randomUUID();
      const wrapped = new GraphQLError('Internal server error', {
        originalError: error,
        extensions: {
          code: INTERNAL,
          http: { status: 500, headers: new HeaderMap([['x-request-id', id]]) },
        },
      });
      idOfError.set(wrapped, id);
      throw wrapped;
    },
  };

  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (!isInternal(formatted)) return formatted;
    const requestId =
      (typeof error === 'object' && error !== null ? idOfError.get(error) : undefined) ??
      currentRequest()?.requestId ??
      randomUUID();
    if (isClientMistake(error)) {
      // Apollo Server's own refusals of a malformed request carry a 4xx status and no code:
      // the client's mistake, said in Apollo's words (never a resolver's), logged as such.
      logger.info({ requestId, reason: formatted.message }, 'request refused');
      return badRequest(formatted, { requestId });
    }
    logger.error(
      {
        requestId,
        err: cause(error),
        path: formatted.path,
        serviceName: formatted.extensions?.serviceName,
      },
      'internal error',
    );
    return maskedError(formatted, { requestId });
  };

  return { plugin, formatError };
}

/**
 * Direct queries: a subgraph answers a query Apollo Server has already accepted by running it
 * with graphql-js `execute` itself, without Apollo's request pipeline — which costs a subgraph
 * fetch about a quarter of its CPU (plugin hooks awaited one by one, a SHA-256 of the query text
 * for its document cache, result formatting), and a product page makes four such fetches.
 *
 * What keeps the answer Apollo's:
 * - only documents Apollo itself parsed, validated and resolved to a query (its
 *   `didResolveOperation`, by query text and operation name) are run here; every other request
 *   — a new document, a mutation, GET, batches, extensions, an `accept` header other than the
 *   plain ones routers send, tracing on — takes Apollo's path as before;
 * - the schema, context (the caller's verified identity and that request's own loaders) and
 *   variables are the ones Apollo would use; nothing of a result is kept or shared;
 * - an answer with any error is discarded and the query runs again on Apollo's path, so every
 *   error (variables, resolvers, masking, status codes, logging) comes out exactly as it always
 *   has. Queries only, so running one twice changes nothing.
 * - a success is written as Apollo writes it: `{"data":…}` and a newline, 200, the content type
 *   Apollo's negotiation picks (responseType); the operation metric is observed as Apollo's
 *   plugin does. It also says so, in DATA_ONLY_HEADER: the router may then pass those bytes on
 *   to its client as they are (router/shortcut/direct.ts).
 */
import {
  HeaderMap,
  type ApolloServerPlugin,
  type BaseContext,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import { execute, type DocumentNode, type GraphQLSchema } from 'graphql';
import { isRecord } from './json';
import { activeTracer } from './tracing/active';

/**
 * Set on a subgraph's answer that is exactly `{"data":…}` and a newline: a JSON object, no
 * errors, no extensions, written by JSON.stringify — so its bytes are the ones a router would
 * write after parsing and re-encoding it. Only a subgraph's direct path writes it.
 */
export const DATA_ONLY_HEADER = 'x-mercato-data-only';

/** Documents kept; past it new ones take Apollo's path (the planner's set is far smaller). */
const MAX_DOCUMENTS = 2_000;

/**
 * What a direct path learned of documents Apollo accepted, by query text and operation name, at
 * most MAX_DOCUMENTS of them (the first learned stay).
 */
export class KnownDocuments<T> {
  private readonly byQuery = new Map<string, Map<string, T>>();
  private size = 0;

  get(query: string, operationName: string | undefined): T | undefined {
    return this.byQuery.get(query)?.get(operationName ?? '');
  }

  add(query: string, operationName: string | undefined, value: T): void {
    if (this.size >= MAX_DOCUMENTS) return;
    let byName = this.byQuery.get(query);
    if (!byName) this.byQuery.set(query, (byName = new Map()));
    const name = operationName ?? '';
    if (byName.has(name)) return;
    byName.set(name, value);
    this.size += 1;
  }
}

/** A document Apollo accepted, with what running it directly needs. */
interface Accepted {
  schema: GraphQLSchema;
  document: DocumentNode;
  /** The operation's name as Apollo resolved it (the metric's label). */
  operationName: string | undefined;
}

/** A request as lib/http.ts holds it: method, parsed body, headers and its context, made once. */
export interface DirectRequest<TContext> {
  method: string;
  body: unknown;
  headers: HeaderMap;
  context: () => Promise<TContext>;
}

/** A request a direct path may answer: a POST of one query, nothing else asked of Apollo. */
export interface PlainQuery {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  /** The content type Apollo would answer it with. */
  contentType: string;
}

/**
 * The request as a plain query, or null when only Apollo's path may answer it: not a POST of
 * JSON, tracing on (the spans come from Apollo's path), an `accept` header Apollo must
 * negotiate, a body Apollo would refuse, or extensions (APQ and the like).
 */
export function plainQuery(request: DirectRequest<unknown>): PlainQuery | null {
  if (request.method !== 'POST' || activeTracer() !== null) return null;
  // lib/http.ts parses any content type that names JSON; Apollo refuses the simple ones a browser
  // sends cross-site without asking (text/plain, …) as CSRF: only plain JSON passes here.
  const sent = request.headers.get('content-type')?.split(';', 1)[0]!.trim().toLowerCase();
  if (sent !== 'application/json' && sent !== 'application/graphql-response+json') return null;
  const contentType = responseType(request.headers.get('accept'));
  if (contentType === null) return null;
  const { body } = request;
  if (!isRecord(body)) return null;
  const { query, variables, operationName, extensions } = body;
  if (typeof query !== 'string' || !isEmptyOrAbsent(extensions)) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return null;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return null;
  return {
    query,
    variables: variables ?? undefined,
    operationName: operationName ?? undefined,
    contentType,
  };
}

/** A success as Apollo writes it: `{"data":…}` and a newline, 200, with `headers` beside. */
export function dataResponse(
  contentType: string,
  data: unknown,
  headers: [string, string][] = [],
): HTTPGraphQLResponse {
  return success(contentType, headers, {
    kind: 'complete',
    string: `${JSON.stringify({ data })}\n`,
  });
}

/** A success whose JSON is already encoded (a subgraph's data-only answer): sent as it is. */
export interface EncodedResponse {
  status: number;
  headers: HeaderMap;
  body: { kind: 'encoded'; bytes: Buffer };
}

/** What a direct path answers with. */
export type DirectResponse = HTTPGraphQLResponse | EncodedResponse;

/**
 * dataResponse for data already encoded as `{"data":…}` and a newline (DATA_ONLY_HEADER): the
 * same bytes, not decoded and encoded again.
 */
export function encodedDataResponse(
  contentType: string,
  bytes: Buffer,
  headers: [string, string][] = [],
): EncodedResponse {
  return success(contentType, headers, { kind: 'encoded', bytes });
}

/** 200 with the negotiated content type, `headers` beside it, and `body`. */
function success<Body>(contentType: string, headers: [string, string][], body: Body) {
  return { status: 200, headers: new HeaderMap([['content-type', contentType], ...headers]), body };
}

export interface DirectQueries<TContext extends BaseContext> {
  /** Learns the documents Apollo accepts: one of the server's plugins. */
  plugin: ApolloServerPlugin<TContext>;
  /** Apollo's response for a known query, or null: the request takes Apollo's path. */
  run(request: DirectRequest<TContext>): Promise<HTTPGraphQLResponse | null>;
}

/** `observe(operationName, seconds)`: the duration metric Apollo's path also observes. */
export function directQueries<TContext extends BaseContext>(
  observe: (operationName: string | undefined, seconds: number) => void,
): DirectQueries<TContext> {
  const accepted = new KnownDocuments<Accepted>();
  return {
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, document, operation, operationName, schema }) {
            const { query } = request;
            if (operation?.operation !== 'query' || query === undefined) return;
            // A persisted query's text came from a cache, not the request: leave it to Apollo.
            if (request.extensions?.persistedQuery) return;
            accepted.add(query, request.operationName ?? undefined, {
              schema,
              document,
              operationName: operationName ?? undefined,
            });
          },
        };
      },
    },
    async run(request) {
      const plain = plainQuery(request);
      const known = plain && accepted.get(plain.query, plain.operationName);
      if (!plain || !known) return null;
      const started = process.hrtime.bigint();
      let contextValue: TContext;
      try {
        contextValue = await request.context();
      } catch {
        // Refused (an unsigned caller): Apollo answers it as it always has.
        return null;
      }
      let result: Awaited<ReturnType<typeof execute>>;
      try {
        result = await execute({
          schema: known.schema,
          document: known.document,
          contextValue,
          variableValues: plain.variables,
          operationName: plain.operationName,
        });
      } catch {
        // graphql-js refused its arguments outright: Apollo's path reports it as it always has.
        return null;
      }
      if (result.errors !== undefined || result.data === undefined || result.data === null)
        return null;
      observe(known.operationName, Number(process.hrtime.bigint() - started) / 1e9);
      return dataResponse(plain.contentType, result.data, [[DATA_ONLY_HEADER, '1']]);
    },
  };
}

/**
 * The content type Apollo answers a request with this `accept` header, for the plain headers
 * clients send: none (Mercato's router) or every type (fetch's default) → JSON; a list without
 * parameters whose first entry is one of the two GraphQL response types (Hive Gateway:
 * `application/graphql-response+json, application/json, …`) → that one, as Apollo's negotiation
 * picks the first exact match. Anything else (weights, wildcards first): null, and Apollo
 * negotiates it.
 */
function responseType(accept: string | undefined): string | null {
  if (accept === undefined || accept.trim() === '*/*') return 'application/json; charset=utf-8';
  if (accept.includes(';')) return null;
  const first = accept.split(',', 1)[0]!.trim();
  if (first === 'application/json' || first === 'application/graphql-response+json')
    return `${first}; charset=utf-8`;
  return null;
}

/** Extensions a request may carry and still run directly: none. */
function isEmptyOrAbsent(extensions: unknown): boolean {
  if (extensions === undefined || extensions === null) return true;
  return isRecord(extensions) && Object.keys(extensions).length === 0;
}

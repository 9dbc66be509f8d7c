/**
 * The single-fetch shortcut: a query whose cached plan is one fetch from one subgraph, asking
 * exactly what the client asked (router/shortcut/selection.ts), is answered with the subgraph's
 * `data` as it came, without the gateway's plan execution and result shaping — which, for such a
 * plan, would rebuild the same object key by key. That rebuilding was most of the router's CPU
 * on one-subgraph queries.
 *
 * What keeps the answer the normal path's:
 * - the subgraph request is the one the gateway would send (query, the used variables, operation
 *   name, the request's context), through the same data source: the caller's own signed identity,
 *   the in-flight merge keyed by caller, the cache policy, the fetch metrics;
 * - the client's variables are checked against the API schema first, as the gateway does;
 * - an answer with errors, without data, or a failed fetch is handed to the gateway's own
 *   executor, whose data source replays it (SubgraphDataSource.replayOnce) instead of fetching
 *   again, so errors come out exactly as they always have;
 * - anything else the gateway adds on its normal path — tracing spans, Apollo usage traces, the
 *   query plan a developer asks for with a header — takes the normal path.
 *
 * Plans are the gateway's: a document's first request plans it on the normal path; later ones
 * read the gateway's plan store once and keep the verdict for that document (WeakMap: the parsed
 * document is Apollo's, cached by its hash and shared by every request with that query).
 */
import type { ApolloGateway } from '@apollo/gateway';
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import { createHash } from 'node:crypto';
import {
  getVariableValues,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { activeTracer } from '../../lib/tracing/active';
import type { RouterContext } from '../context';
import { restrictCachePolicy, type FetchedQuery, type SubgraphDataSource } from '../data-source';
import { canonicalSelection, type EnumCheck, type Fragments } from './selection';

/** The parts of a plan's fetch node the shortcut reads (@apollo/query-planner's FetchNode). */
interface FetchNode {
  kind: 'Fetch';
  serviceName: string;
  variableUsages?: string[];
  requires?: unknown[];
  operation: string;
  operationName: string | undefined;
  operationKind: string;
  operationDocumentNode?: DocumentNode;
  hasDefers?: boolean;
  inputRewrites?: unknown[];
  outputRewrites?: unknown[];
  contextRewrites?: unknown[];
}

/** The gateway's private members the shortcut reads (@apollo/gateway 2.x, as plans.ts does). */
interface GatewayInternals {
  queryPlanStore?: { get(key: string): Promise<{ node?: { kind: string } } | undefined> };
  /** The whole supergraph as a graphql-js schema, hidden (@inaccessible) elements included. */
  supergraphSchema?: GraphQLSchema;
}

/** A query the shortcut answers: which subgraph, and the fetch the gateway planned for it. */
export interface Shortcut {
  source: SubgraphDataSource;
  fetch: FetchNode;
  operation: OperationDefinitionNode;
}

/** Verdicts per API schema, document and operation name; false: the normal path. */
type Verdicts = WeakMap<DocumentNode, Map<string, Shortcut | false>>;

export interface ShortcutOptions {
  /** The router's data source of a subgraph, by the supergraph's name for it. */
  sourceOf(serviceName: string): SubgraphDataSource | undefined;
  /** Counts a request answered by the shortcut. */
  taken?(subgraph: string): void;
  /** A request's document (its text and operation name) the shortcut answered, and how. */
  learned?(query: string, operationName: string | undefined, shortcut: LearnedShortcut): void;
}

/** A shortcut with what answering it before Apollo needs of the document Apollo accepted. */
export interface LearnedShortcut extends Shortcut {
  /** The API schema. */
  schema: GraphQLSchema;
  document: DocumentNode;
  /** The operation's own name, as Apollo resolved it (metrics and the access log name it). */
  operationName: string | undefined;
}

/**
 * The gateway as ApolloServer takes it, its executor wrapped with the shortcut. Its schema and
 * lifecycle are the gateway's own.
 */
export function withSingleFetchShortcut(
  gateway: ApolloGateway,
  options: ShortcutOptions,
): GatewayInterface {
  return {
    load: async (apollo) => {
      const loaded = await gateway.load(apollo);
      return {
        schema: loaded.schema,
        executor: loaded.executor && shortcutExecutor(gateway, loaded.executor, options),
      };
    },
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
  };
}

function shortcutExecutor(
  gateway: ApolloGateway,
  normal: GatewayExecutor,
  options: ShortcutOptions,
): GatewayExecutor {
  const internals = gateway as unknown as GatewayInternals;
  const verdicts = new WeakMap<GraphQLSchema, Verdicts>();
  return async (requestContext) => {
    const shortcut = await shortcutFor(requestContext, internals, verdicts, options);
    if (!shortcut) return normal(requestContext);
    const { request } = requestContext;
    if (!acceptsVariables(shortcut, requestContext.schema, request.variables))
      return normal(requestContext);
    const context = requestContext.context as RouterContext;
    const answer = await fetchShortcut(shortcut, context, request.variables);
    if (!answer || !('data' in answer)) return normal(requestContext);
    restrictCachePolicy(requestContext.overallCachePolicy, answer.cacheControl);
    options.taken?.(shortcut.fetch.serviceName);
    // A document sent as text (not looked up by an APQ hash) may be answered before Apollo next.
    if (request.query !== undefined && !request.extensions?.persistedQuery)
      options.learned?.(request.query, request.operationName, {
        ...shortcut,
        schema: requestContext.schema,
        document: requestContext.document,
        operationName: requestContext.operationName ?? undefined,
      });
    return { data: answer.data };
  };
}

/**
 * Whether the API schema accepts the client's variables: the gateway's own check before it
 * fetches anything (its validateIncomingRequest runs getVariableValues so). Refused variables
 * take the gateway's path, which reports them.
 */
export function acceptsVariables(
  shortcut: Shortcut,
  schema: GraphQLSchema,
  variables: Record<string, unknown> | undefined,
): boolean {
  const definitions = shortcut.operation.variableDefinitions;
  return !definitions?.length || !getVariableValues(schema, definitions, variables ?? {}).errors;
}

/** A shortcut's answer: its data (or, where asked for, the subgraph's bytes of it). */
export type ShortcutAnswer = { cacheControl: string } & (
  { data: Record<string, unknown> } | { dataOnly: Buffer }
);

/**
 * Fetches a shortcut's query for a client's request: its data and the subgraph's cache-control
 * header; or undefined when the answer has errors, no data, or the fetch failed — then it is
 * primed for the gateway's own path to take (SubgraphDataSource.replayOnce), under
 * `handOver.replayKey`. With `handOver.keepBytes`, an answer the subgraph marks as data only
 * comes as its bytes.
 */
export async function fetchShortcut(
  shortcut: Shortcut,
  context: RouterContext,
  clientVariables: Record<string, unknown> | undefined,
  handOver: { replayKey: object; keepBytes: boolean } = { replayKey: context, keepBytes: false },
): Promise<ShortcutAnswer | undefined> {
  const { fetch, source } = shortcut;
  // As the gateway builds a fetch's variables: only those the fetch uses and the client gave.
  const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of fetch.variableUsages ?? []) {
    const value = clientVariables?.[name];
    if (clientVariables && Object.hasOwn(clientVariables, name) && value !== undefined)
      variables[name] = value;
  }
  let fetched: FetchedQuery;
  try {
    fetched = await source.fetchQuery(
      context,
      { query: fetch.operation, variables, operationName: fetch.operationName },
      handOver.keepBytes,
    );
  } catch (error) {
    source.replayOnce(handOver.replayKey, fetch.operation, { error });
    return undefined;
  }
  if ('dataOnly' in fetched) return fetched;
  const { response, cacheControl } = fetched;
  const { data } = response;
  if (response.errors?.length || typeof data !== 'object' || data === null) {
    source.replayOnce(handOver.replayKey, fetch.operation, { response, cacheControl });
    return undefined;
  }
  return { data, cacheControl };
}

/** The shortcut for this request's operation, or undefined for the normal path. */
async function shortcutFor(
  requestContext: GatewayGraphQLRequestContext,
  internals: GatewayInternals,
  verdicts: WeakMap<GraphQLSchema, Verdicts>,
  options: ShortcutOptions,
): Promise<Shortcut | undefined> {
  const { document, request, schema } = requestContext;
  // The gateway's spans and usage traces, and a plan shown on request, come from its own path.
  if (activeTracer() !== null || requestContext.metrics.captureTraces) return undefined;
  if (request.http?.headers.has('apollo-query-plan-experimental')) return undefined;
  if (!document || !internals.queryPlanStore) return undefined;
  let bySchema = verdicts.get(schema);
  if (!bySchema) verdicts.set(schema, (bySchema = new WeakMap()));
  let byName = bySchema.get(document);
  if (!byName) bySchema.set(document, (byName = new Map()));
  const name = request.operationName ?? '';
  const known = byName.get(name);
  if (known !== undefined) return known || undefined;
  // The key the gateway stores the plan under (its executor in @apollo/gateway's index.js).
  const key = request.operationName
    ? createHash('sha256')
        .update(requestContext.queryHash)
        .update(request.operationName)
        .digest('hex')
    : requestContext.queryHash;
  const plan = await internals.queryPlanStore.get(key);
  // Not planned yet: this request plans it on the normal path; the next one decides.
  if (!plan) return undefined;
  let verdict: Shortcut | false;
  try {
    verdict = judge(plan.node, document, request.operationName, schema, internals, options);
  } catch (error) {
    // A plan or gateway of a shape not foreseen: the normal path, for this document for good.
    requestContext.logger.warn(`single-fetch shortcut not judged: ${String(error)}`);
    verdict = false;
  }
  byName.set(name, verdict);
  return verdict || undefined;
}

/** Whether a plan's root is one fetch that answers the client's query as it stands. */
function judge(
  node: { kind: string } | undefined,
  document: DocumentNode,
  operationName: string | undefined,
  schema: GraphQLSchema,
  internals: GatewayInternals,
  options: ShortcutOptions,
): Shortcut | false {
  if (node?.kind !== 'Fetch') return false;
  const fetch = node as FetchNode;
  if (
    fetch.operationKind !== 'query' ||
    fetch.requires?.length ||
    fetch.inputRewrites?.length ||
    fetch.outputRewrites?.length ||
    fetch.contextRewrites?.length ||
    fetch.hasDefers
  )
    return false;
  const source = options.sourceOf(fetch.serviceName);
  const client = operationOf(document, operationName);
  const queryType = schema.getQueryType();
  if (!source || !client || client.operation.operation !== 'query' || !queryType) return false;
  if (client.operation.directives?.length) return false;
  const subgraph = operationOf(fetch.operationDocumentNode ?? parse(fetch.operation), undefined);
  if (!subgraph || subgraph.operation.directives?.length) return false;
  const enumShown = enumCheck(schema, internals);
  const asked = canonicalSelection(
    schema,
    queryType,
    [client.operation.selectionSet],
    client.fragments,
    enumShown,
  );
  const fetched = canonicalSelection(
    schema,
    queryType,
    [subgraph.operation.selectionSet],
    subgraph.fragments,
    enumShown,
  );
  if (asked === null || asked !== fetched) return false;
  return { source, fetch, operation: client.operation };
}

/** The named (or only) operation of a document, with the document's fragments. */
function operationOf(
  document: DocumentNode,
  name: string | undefined,
): { operation: OperationDefinitionNode; fragments: Fragments } | undefined {
  let operation: OperationDefinitionNode | undefined;
  const fragments: Record<string, (typeof document.definitions)[number]> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (name !== undefined && definition.name?.value !== name) continue;
      // Without a name the document must hold one operation (Apollo has refused it otherwise).
      if (operation) return undefined;
      operation = definition;
    } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
    }
  }
  return operation ? { operation, fragments: fragments as Fragments } : undefined;
}

/**
 * An enum's values in the API schema are all the subgraphs may return unless some are hidden
 * (@inaccessible): then the gateway nulls the hidden ones, and the shortcut must not be taken.
 * Without the gateway's supergraph to compare with, no enum is taken.
 */
function enumCheck(schema: GraphQLSchema, internals: GatewayInternals): EnumCheck {
  return (name) => {
    const api = schema.getType(name);
    const all = internals.supergraphSchema?.getType(name);
    return (
      api !== undefined &&
      all !== undefined &&
      'getValues' in api &&
      'getValues' in all &&
      api.getValues().length === all.getValues().length
    );
  };
}

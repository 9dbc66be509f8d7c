import { z } from 'zod';
import { positiveInt } from '../../lib/env';

/** What the router accepts before any resolver runs (DESIGN.md §4, "Limits"). */
export interface LimitsConfig {
  /** Deepest nesting of fields in an operation; fragments add no level (Apollo's counting). */
  maxDepth: number;
  /** Aliased fields per operation, fragments included. */
  maxAliases: number;
  /** Fields at the root of an operation, fragments included; each alias counts. */
  maxRootFields: number;
  /** Directives per operation, fragments included. */
  maxDirectives: number;
  /** Lexical tokens per document; the parser stops at the first token beyond. */
  maxTokens: number;
  /** Characters per document. */
  maxDocumentChars: number;
  /** Largest estimated cost (see cost.ts: a field costs 1, lists multiply by `first`). */
  maxCost: number;
  /** `first` assumed when a field takes it, the operation omits it and the schema has no default. */
  defaultFirst: number;
  /** The length assumed for a list field that takes no `first` (Order.lines, Category.children). */
  assumedListSize: number;
  /** Nesting of arrays and objects in the request's variables (the variables object is 1). */
  maxVariablesDepth: number;
  /** Whether a JSON array of operations is accepted in one HTTP request. */
  allowBatchedRequests: boolean;
  /** Whether error messages may suggest names ("Did you mean …?"): not in production. */
  suggestions: boolean;
}

/**
 * The defaults, each with where it comes from. Apollo Router's operation limits (max_depth,
 * max_aliases, max_root_fields) are opt-in and have no default; its documentation's example
 * configuration uses depth 100, height 200, aliases 30, root fields 20. graphql-armor (Escape)
 * enables its limits by default with the values below.
 */
export const defaultLimits: LimitsConfig = {
  // graphql-armor max-depth defaults to 6 (Apollo Router: opt-in; its docs' example is 100).
  // 6 refuses ordinary Relay-shaped queries of this schema — `me { orders { edges { node {
  // lines { product { rating { average } } } } } } }` is 8 deep — so we allow two more
  // connection hops than armor: 10. Introspection (`__schema`) is exempt, as in armor.
  maxDepth: 10,
  // graphql-armor max-aliases default: 15 (Apollo Router docs' example: 30).
  maxAliases: 15,
  // Apollo Router docs' example max_root_fields: 20 (graphql-armor has no such limit).
  maxRootFields: 20,
  // graphql-armor max-directives default: 50 (Apollo Router has no such limit).
  maxDirectives: 50,
  // graphql-armor max-tokens default: 1000 (also Hive Gateway's). Apollo Router's
  // parser_max_tokens is 15000, but its parser also stops at 500 levels of recursion
  // (parser_max_recursion), and graphql-js has no such guard: its recursive parser overflows
  // Node 20's stack at about 2100 nested selections (4200 tokens). 1000 tokens keep nesting
  // under 500 levels, Apollo Router's recursion limit.
  maxTokens: 1000,
  // graphql-armor character-limit default: 15000 (Apollo Router limits only the body: 2 MB).
  maxDocumentChars: 15_000,
  // No trusted default carries over to our cost model (the one DESIGN.md §4 asks for: each field
  // 1, a list's subtree × its `first`). Apollo Router's demand control is opt-in; its
  // example configuration (max 1000, list_size 10) prices objects only, scalars free. graphql-armor's cost-limit
  // (maxCost 5000) prices object 2, scalar 1, ×1.5 per level, and ignores list sizes. Calibrated
  // here instead: the heaviest operation the test suite runs legitimately — a user's 100 orders
  // with their lines and products, and 100 reviews (test/federation.test.ts) — costs 15 006; two
  // nested full pages, `products(first: 100) { nodes { reviews(first: 100) { nodes { body } } } }`,
  // cost 20 201. 20 000 admits the first and refuses the second.
  maxCost: 20_000,
  // DESIGN.md §2: `first` defaults to 20 (lib/pagination.ts); the schema says so too, and its
  // default is used first.
  defaultFirst: 20,
  // Apollo Router demand control's example configuration assumes lists of 10 (static_estimated
  // list_size: 10) where the schema gives no size. (Seeded data: orders have ≤ 4 lines,
  // categories ≤ 8 children.)
  assumedListSize: 10,
  // serde_json's default recursion limit — the JSON parser Apollo Router reads requests with —
  // is 128 levels of arrays and objects. (graphql-armor has no such limit; V8's JSON.parse
  // accepts any depth, so without this a 100,000-deep unused variable is silently ignored.)
  maxVariablesDepth: 128,
  // Apollo Server 5's default (allowBatchedHttpRequests: false); batching multiplies every
  // other limit by the batch length, so it stays off unless a deployment needs it.
  allowBatchedRequests: false,
  // DESIGN.md §4: suggestions (like introspection) only outside production.
  suggestions: true,
};

/**
 * The environment variables of the limits, to spread into the router's zod schema
 * (router/env.ts). MAX_BODY_BYTES (Apollo Router's http_max_request_bytes, 2 MB) stays there.
 */
export const limitSettings = {
  MAX_DEPTH: positiveInt(defaultLimits.maxDepth),
  MAX_ALIASES: positiveInt(defaultLimits.maxAliases),
  MAX_ROOT_FIELDS: positiveInt(defaultLimits.maxRootFields),
  MAX_DIRECTIVES: positiveInt(defaultLimits.maxDirectives),
  MAX_TOKENS: positiveInt(defaultLimits.maxTokens),
  MAX_DOCUMENT_CHARS: positiveInt(defaultLimits.maxDocumentChars),
  MAX_COST: positiveInt(defaultLimits.maxCost),
  COST_DEFAULT_FIRST: positiveInt(defaultLimits.defaultFirst),
  COST_ASSUMED_LIST_SIZE: positiveInt(defaultLimits.assumedListSize),
  MAX_VARIABLES_DEPTH: positiveInt(defaultLimits.maxVariablesDepth),
  ALLOW_BATCHED_REQUESTS: z.stringbool().default(defaultLimits.allowBatchedRequests),
};

type LimitEnv = { [K in keyof typeof limitSettings]: z.output<(typeof limitSettings)[K]> };

/** The parsed variables of `limitSettings` (and NODE_ENV), as the router's configuration. */
export function limitsFromEnv(env: LimitEnv & { NODE_ENV: string }): LimitsConfig {
  return {
    maxDepth: env.MAX_DEPTH,
    maxAliases: env.MAX_ALIASES,
    maxRootFields: env.MAX_ROOT_FIELDS,
    maxDirectives: env.MAX_DIRECTIVES,
    maxTokens: env.MAX_TOKENS,
    maxDocumentChars: env.MAX_DOCUMENT_CHARS,
    maxCost: env.MAX_COST,
    defaultFirst: env.COST_DEFAULT_FIRST,
    assumedListSize: env.COST_ASSUMED_LIST_SIZE,
    maxVariablesDepth: env.MAX_VARIABLES_DEPTH,
    allowBatchedRequests: env.ALLOW_BATCHED_REQUESTS,
    suggestions: env.NODE_ENV !== 'production',
  };
}

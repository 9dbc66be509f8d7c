/**
 * Random HTTP requests for the router, for property-based fuzzing (fast-check): GraphQL
 * documents built from the real schema's names with hostile arguments, mutated documents,
 * random variables, random JSON bodies and random bytes. Shared by test/fuzz.test.ts (10,000
 * cases in `npm test`) and scripts/fuzz.ts (a million on demand).
 */
import { Agent, request as httpRequest } from 'node:http';
import fc from 'fast-check';

export interface FuzzRequest {
  method: 'POST' | 'GET';
  contentType: string;
  body: Uint8Array | string | null;
  search: string;
}

const fieldNames = [
  'products',
  'product',
  'productsBySku',
  'categories',
  'category',
  'user',
  'me',
  'order',
  'review',
  'nodes',
  'edges',
  'node',
  'pageInfo',
  'totalCount',
  'id',
  'sku',
  'name',
  'email',
  'price',
  'amount',
  'reviews',
  'rating',
  'average',
  'author',
  'orders',
  'lines',
  'quantity',
  'inStock',
  'shippingEstimate',
  '__typename',
  '__schema',
  'types',
  'fields',
  '_entities',
  '_service',
  'sdl',
  'nope',
];

/** Strings that have broken servers: injections, control characters, lone surrogates, huge. */
const hostileString = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '"; drop table x; --',
    '\\u0000',
    '%',
    '_',
    '\u0000',
    '\ud800',
    'x'.repeat(5000),
    '',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const argValue = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, 20, 100, 101, 2 ** 31, -(2 ** 31) - 1, 1e300),
  hostileString.map((s) => JSON.stringify(s)),
  fc.constantFrom('null', 'true', '$v', '[1, 2]', '{ a: 1 }', 'NEWEST', '"garbage"'),
);

const args = fc
  .array(
    fc.tuple(
      fc.constantFrom('first', 'after', 'id', 'sku', 'skus', 'filter', 'orderBy', 'x'),
      argValue,
    ),
    {
      maxLength: 3,
    },
  )
  .map((pairs) => (pairs.length ? `(${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''));

const { selection } = fc.letrec<{ selection: string; field: string }>((tie) => ({
  field: fc
    .tuple(
      fc.option(fc.constantFrom('a', 'b', 'alias1'), { nil: undefined }),
      fc.constantFrom(...fieldNames),
      args,
      fc.option(fc.constantFrom('@skip(if: false)', '@include(if: $v)', '@deprecated', '@x'), {
        nil: undefined,
      }),
      fc.option(tie('selection'), { nil: undefined, depthSize: 'small' }),
    )
    .map(
      ([alias, name, a, directive, sub]) =>
        `${alias ? `${alias}: ` : ''}${name}${a}${directive ? ` ${directive}` : ''}${sub ? ` ${sub}` : ''}`,
    ),
  selection: fc
    .array(tie('field'), { minLength: 1, maxLength: 4 })
    .map((fields) => `{ ${fields.join(' ')} }`),
}));

const document = fc.oneof(
  selection,
  selection.map((s) => `query Q($v: Boolean) ${s}`),
  selection.map((s) => `mutation ${s}`),
  selection.map((s) => `query { ...F } fragment F on Query ${s}`),
  fc.constantFrom(
    'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
    'subscription { x }',
    '{',
    '',
  ),
);

/** A valid-looking document with a few characters deleted, swapped or inserted. */
const mutated = fc
  .tuple(document, fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 4 }))
  .map(([doc, edits]) =>
    edits.reduce((text, [at, insert]) => {
      const i = text.length ? at % text.length : 0;
      return text.slice(0, i) + insert + text.slice(i + 1);
    }, doc),
  );

const variables = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.string(), fc.jsonValue()),
);

const graphqlBody = fc
  .record({
    query: fc.oneof(document, mutated, fc.constant(undefined)),
    variables,
    operationName: fc.option(fc.constantFrom('Q', '', 'nope'), { nil: undefined }),
    extensions: fc.option(
      fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({
          persistedQuery: fc.record({
            version: fc.constantFrom(1, 2),
            sha256Hash: fc.string({ maxLength: 70 }),
          }),
        }),
      ),
      { nil: undefined },
    ),
  })
  .map((body) => JSON.stringify(body));

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/graphql-response+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
);

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    weight: 6,
    arbitrary: graphqlBody.map((body) => ({
      method: 'POST' as const,
      contentType: 'application/json',
      body,
      search: '',
    })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.jsonValue({ maxDepth: 5 }), contentType).map(([json, type]) => ({
      method: 'POST' as const,
      contentType: type,
      body: JSON.stringify(json),
      search: '',
    })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.uint8Array({ maxLength: 600 }), contentType).map(([bytes, type]) => ({
      method: 'POST' as const,
      contentType: type,
      body: bytes,
      search: '',
    })),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(document, variables).map(([query, vars]) => ({
      method: 'GET' as const,
      contentType: 'application/json',
      body: null,
      search: `?query=${encodeURIComponent(query)}${vars === undefined ? '' : `&variables=${encodeURIComponent(JSON.stringify(vars))}`}`,
    })),
  },
);

export interface FuzzOutcome {
  status: number;
  /** Why the answer is unacceptable, or null when it is fine. */
  problem: string | null;
}

/**
 * Sends one request and judges the answer: never a 5xx (the client's mistakes are 4xx or
 * GraphQL errors), always a GraphQL JSON body (an object with `data` and/or `errors`), and never
 * INTERNAL_SERVER_ERROR.
 */
export async function sendFuzz(url: string, request: FuzzRequest): Promise<FuzzOutcome> {
  const { status, text } = await send(url, request);
  if (status >= 500) return { status, problem: `HTTP ${status}: ${text.slice(0, 300)}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status, problem: `not JSON: ${text.slice(0, 300)}` };
  }
  const ok = body !== null && typeof body === 'object' && ('data' in body || 'errors' in body);
  if (!ok) return { status, problem: `not a GraphQL response: ${text.slice(0, 300)}` };
  // A client's mistake is the client's: a random request never meets a server fault.
  if (text.includes('"INTERNAL_SERVER_ERROR"'))
    return { status, problem: `INTERNAL_SERVER_ERROR: ${text.slice(0, 300)}` };
  return { status, problem: null };
}

/**
 * One keep-alive connection pool for the whole run. node:http rather than fetch: fetch's web
 * streams cost the fuzzing process (which in the tests also runs the router) about as much CPU
 * as the router spends refusing the request.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function send(url: string, request: FuzzRequest): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${request.search}`,
      {
        method: request.method,
        agent,
        headers: { 'content-type': request.contentType, 'apollo-require-preflight': 'true' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body ?? undefined);
  });
}

import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames, type SubgraphName } from '../../lib/env';
import { root } from '../../lib/paths';
import { randomSecret } from '../../lib/secrets';
import { createTokens } from '../../lib/tokens';
import { fileDatabaseUrl } from '../support/database';
import { freePort, waitFor } from '../support/integrity';
import { orderTestProducts, placeOrder } from '../support/orders';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp';
import { startProcess, type MercatoProcess } from '../support/process';

/**
 * Process tier: OpenTelemetry traces from router to SQL. The six processes run as production runs
 * them, each exporting to a real OTLP/HTTP receiver in this test's process under its own
 * service.name, half of them in OTLP/JSON and half in protobuf (the router with no protocol set:
 * the specification's default, protobuf). A request carrying a client's W3C traceparent must come
 * back as one connected trace: the router's spans, the gateway's, each subgraph's operation, the
 * subgraph-to-subgraph calls of placeOrder, and every SQL statement, under the client's span.
 */
const databaseUrl = fileDatabaseUrl();
const internalSecret = randomSecret();
const jwtSecret = randomSecret();
const tokens = createTokens({
  secret: jwtSecret,
  issuer: 'mercato',
  audience: 'mercato-api',
  ttlSeconds: 600,
});

/** Which OTLP encoding each process exports in (unset: the default). */
const protocols: Record<SubgraphName | 'router', string | undefined> = {
  router: undefined,
  accounts: 'http/json',
  catalog: 'http/protobuf',
  inventory: 'http/json',
  orders: 'http/protobuf',
  reviews: 'http/json',
};
const contentTypes = { 'http/json': 'application/json', 'http/protobuf': 'application/x-protobuf' };

const SERVER = 2;
const CLIENT = 3;

let receiver: OtlpReceiver;
let sql: postgres.Sql;
const running: MercatoProcess[] = [];
const processes = {} as Record<SubgraphName | 'router', MercatoProcess>;
const ports = {} as Record<SubgraphName | 'router', number>;
const products = orderTestProducts(
  {
    get sql() {
      return sql;
    },
  },
  `traces-${process.pid}`,
);

const routerUrl = () => `http://127.0.0.1:${ports.router}/graphql`;

/**
 * Starts a process with the stack's settings on its port; `tracing` false leaves OTEL unset,
 * `extra` adds settings.
 */
async function start(
  name: SubgraphName | 'router',
  port: number,
  tracing = true,
  extra: Record<string, string> = {},
) {
  const entry = name === 'router' ? 'router/main.ts' : `subgraphs/${name}/main.ts`;
  const protocol = protocols[name];
  const p = await startProcess(
    entry,
    {
      INTERNAL_SECRET: internalSecret,
      JWT_SECRET: jwtSecret,
      DATABASE_URL: databaseUrl,
      MANAGEMENT_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      ...Object.fromEntries(
        subgraphNames.map((n) => [
          `${n.toUpperCase()}_URL`,
          `http://127.0.0.1:${ports[n]}/graphql`,
        ]),
      ),
      ...(tracing
        ? {
            OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
            // Standard SDK settings: export each batch within 100 ms, so the test need not wait.
            OTEL_BSP_SCHEDULE_DELAY: '100',
            ...(protocol ? { OTEL_EXPORTER_OTLP_PROTOCOL: protocol } : {}),
          }
        : {}),
      ...extra,
    },
    port,
  );
  running.push(p);
  return p;
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  for (const name of [...subgraphNames, 'router'] as const) ports[name] = await freePort();
  // Every port is known up front, so the subgraphs (peers included) start together.
  await Promise.all(
    subgraphNames.map(async (name) => {
      processes[name] = await start(name, ports[name]);
    }),
  );
  processes.router = await start('router', ports.router);
}, 120_000);

afterAll(async () => {
  for (const p of running) p.child.kill('SIGKILL');
  await products.removeAll();
  await sql?.end();
  await receiver?.close();
});

/** A client's W3C trace context: a fresh trace id and the client's own span id. */
function clientTrace() {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

async function postGraphQL(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const response = await fetch(routerUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Every span's parent is in the trace, but the root's, which is the client's span. */
function connected(spans: ReceivedSpan[], clientSpanId: string): boolean {
  const ids = new Set(spans.map((s) => s.spanId));
  return spans.every((s) => s.parentSpanId === clientSpanId || ids.has(s.parentSpanId));
}

/** The span's ancestors, nearest first. */
function ancestors(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: ReceivedSpan[] = [];
  for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) chain.push(p);
  return chain;
}

const isSql = (s: ReceivedSpan) => s.attributes['db.system.name'] === 'postgresql';

/** The trace as an indented list: service, span, duration. */
function render(spans: ReceivedSpan[], rootParent: string): string {
  const children = new Map<string, ReceivedSpan[]>();
  for (const s of spans) children.set(s.parentSpanId, [...(children.get(s.parentSpanId) ?? []), s]);
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    for (const s of (children.get(parent) ?? []).sort((a, b) => Number(a.startNs - b.startNs))) {
      const ms = (Number(s.endNs - s.startNs) / 1e6).toFixed(2);
      const rows = s.attributes['db.response.returned_rows'];
      lines.push(
        `${'  '.repeat(depth)}${s.service.replace('mercato-', '')}: ${s.name} ${ms} ms` +
          (rows === undefined ? '' : ` (${rows} rows)`),
      );
      walk(s.spanId, depth + 1);
    }
  };
  walk(rootParent, 0);
  return lines.join('\n');
}

/**
 * What a span may say: the conventions' HTTP, GraphQL and database attributes and the gateway's
 * own; nothing that could hold a query's text, SQL or a value a client sent.
 */
const allowedAttributes = new Set([
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'url.full',
  'server.address',
  'server.port',
  'peer.service',
  'graphql.operation.name',
  'graphql.operation.type',
  'db.system.name',
  'db.response.returned_rows',
  'error.type',
  // @apollo/gateway's: the operation's name (twice) and the fetched subgraph's.
  'operationName',
  'service',
]);

/** JSON log lines a process printed. */
function logLines(p: MercatoProcess): Record<string, unknown>[] {
  return p
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const productPage = readFileSync(
  path.join(root, 'schema/operations/app/ProductPage.graphql'),
  'utf8',
);

async function mostReviewedProduct(): Promise<string> {
  const [row] = await sql<{ id: number }[]>`
    select product_id as id from reviews.reviews group by product_id order by count(*) desc limit 1`;
  return String(row!.id);
}

describe('OpenTelemetry traces', () => {
  const subgraphs = ['catalog', 'inventory', 'reviews', 'accounts'] as const;

  /** Asks for a product page under a client's traceparent; its trace once complete. */
  async function productPageTrace() {
    const client = clientTrace();
    const requestId = `trace-test-${randomUUID()}`;
    const answer = await postGraphQL(
      productPage,
      { id: await mostReviewedProduct() },
      { traceparent: client.traceparent, 'x-request-id': requestId },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    const spans = await receiver.trace(client.traceId, (s) => {
      const services = new Set(s.filter(isSql).map((x) => x.service));
      return (
        subgraphs.every((name) => services.has(`mercato-${name}`)) &&
        s.some((x) => x.service === 'mercato-router' && x.kind === SERVER) &&
        connected(s, client.spanId)
      );
    });
    return { client, requestId, spans };
  }

  it('a product page is one trace under the client’s span: router, four subgraphs and their SQL', async () => {
    // The router's first request of an operation plans it (a gateway.plan span); later ones
    // reuse the plan. Both traces are printed, for the figures.
    const { client, requestId, spans } = await productPageTrace();
    console.info(
      `product page, first request (${spans.length} spans):\n${render(spans, client.spanId)}`,
    );
    const warm = await productPageTrace();
    console.info(
      `product page, planned already (${warm.spans.length} spans):\n${render(warm.spans, warm.client.spanId)}`,
    );

    // The client's traceparent is continued: the router's request span is the only child of the
    // client's span, and nothing in the trace is a root of its own.
    const roots = spans.filter((s) => s.parentSpanId === client.spanId);
    expect(roots.map((s) => [s.service, s.name, s.kind])).toEqual([
      ['mercato-router', 'POST /graphql', SERVER],
    ]);
    expect(spans.filter((s) => s.parentSpanId === '')).toEqual([]);

    const router = spans.filter((s) => s.service === 'mercato-router');
    const names = router.map((s) => s.name);
    expect(names).toContain('query ProductPage');
    for (const gateway of ['gateway.request', 'gateway.plan', 'gateway.execute'])
      expect(names).toContain(gateway);
    const fetches = router.filter((s) => s.name === 'gateway.fetch');
    expect(new Set(fetches.map((s) => s.attributes.service))).toEqual(new Set(subgraphs));

    for (const name of subgraphs) {
      const own = spans.filter((s) => s.service === `mercato-${name}`);
      // Each subgraph request continues the router's fetch of it…
      const requests = own.filter((s) => s.kind === SERVER);
      expect(requests.length, name).toBeGreaterThan(0);
      for (const request of requests) {
        const parent = spans.find((s) => s.spanId === request.parentSpanId);
        expect(parent?.name, name).toBe('gateway.fetch');
        expect(parent?.attributes.service, name).toBe(name);
      }
      // …runs a named operation of the router's query plan…
      expect(
        own.some((s) => /^query ProductPage__\w+__\d+$/.test(s.name)),
        name,
      ).toBe(true);
      // …and its SQL statements are spans below that operation, named after data functions.
      const statements = own.filter(isSql);
      expect(statements.length, name).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.kind).toBe(CLIENT);
        expect(statement.name).toMatch(/^[a-z][A-Za-z]+$/);
        expect(
          ancestors(statement, spans).some((a) => a.name.startsWith('query ProductPage__')),
        ).toBe(true);
      }
    }
    // Row counts ride on the statements that return lists (the product's reviews, at least).
    expect(
      spans
        .filter(isSql)
        .some((s) => typeof s.attributes['db.response.returned_rows'] === 'number'),
    ).toBe(true);
    // No span carries a query's text, SQL or variables.
    const keys = new Set(spans.flatMap((s) => Object.keys(s.attributes)));
    expect([...keys].filter((k) => !allowedAttributes.has(k))).toEqual([]);

    // Log lines of the request carry its trace id: the router's and a subgraph's access lines.
    await waitFor(async () =>
      logLines(processes.catalog).some((l) => l.requestId === requestId && l.msg === 'request'),
    );
    for (const p of [processes.router, processes.catalog]) {
      const access = logLines(p).find((l) => l.requestId === requestId && l.msg === 'request');
      expect(access?.traceId).toBe(client.traceId);
    }
  });

  it('placeOrder is one trace across orders, catalog and inventory, through the peer calls', async () => {
    const productId = await products.create(5, 1_250);
    const [user] = await sql<{ id: number }[]>`select id from accounts.users order by id limit 1`;
    const { token } = await tokens.issue({ userId: user!.id, roles: ['CUSTOMER'] });
    const client = clientTrace();
    const answer = await placeOrder(
      routerUrl(),
      { authorization: `Bearer ${token}`, traceparent: client.traceparent },
      randomUUID(),
      [{ productId, quantity: 2 }],
    );
    expect(answer.payload?.order?.status).toBe('CONFIRMED');

    const peerCall = (s: ReceivedSpan, peer: string) =>
      s.service === 'mercato-orders' && s.kind === CLIENT && s.attributes['peer.service'] === peer;
    const spans = await receiver.trace(client.traceId, (s) => {
      const inventorySql = s.some((x) => x.service === 'mercato-inventory' && isSql(x));
      const catalogSql = s.some((x) => x.service === 'mercato-catalog' && isSql(x));
      return (
        inventorySql &&
        catalogSql &&
        s.some((x) => peerCall(x, 'mercato-inventory')) &&
        s.some((x) => x.service === 'mercato-router' && x.kind === SERVER) &&
        connected(s, client.spanId)
      );
    });
    console.info(`placeOrder trace (${spans.length} spans):\n${render(spans, client.spanId)}`);

    expect(spans.filter((s) => s.parentSpanId === client.spanId).map((s) => s.service)).toEqual([
      'mercato-router',
    ]);
    expect(spans.filter((s) => s.parentSpanId === '')).toEqual([]);
    const orders = spans.filter((s) => s.service === 'mercato-orders');
    expect(orders.some((s) => /^mutation Place__orders__\d+$/.test(s.name))).toBe(true);
    expect(orders.some(isSql)).toBe(true);
    // orders → catalog (prices) and orders → inventory (the hold): each callee's request span is
    // the child of orders' client span for that call, and its SQL is below it.
    for (const peer of ['catalog', 'inventory']) {
      const calls = spans.filter((s) => peerCall(s, `mercato-${peer}`));
      expect(calls.length, peer).toBeGreaterThan(0);
      const served = spans.filter(
        (s) =>
          s.service === `mercato-${peer}` &&
          s.kind === SERVER &&
          calls.some((c) => c.spanId === s.parentSpanId),
      );
      expect(served.length, peer).toBe(calls.length);
      const statements = spans.filter(
        (s) => isSql(s) && ancestors(s, spans).some((a) => served.includes(a)),
      );
      expect(statements.length, peer).toBeGreaterThan(0);
    }
  });

  it('exports in each process’s protocol: OTLP/JSON and protobuf (the default when unset)', () => {
    for (const [name, protocol] of Object.entries(protocols)) {
      const expected = contentTypes[(protocol ?? 'http/protobuf') as keyof typeof contentTypes];
      expect([...(receiver.encodings.get(`mercato-${name}`) ?? [])], name).toEqual([expected]);
    }
    expect(receiver.failures).toEqual([]);
  });

  it('a router without OTEL settings traces nothing and passes no trace context on', async () => {
    const port = await freePort();
    const untraced = await start('router', port, false);
    expect(untraced.output()).not.toContain('tracing on');
    const client = clientTrace();
    const requestId = `untraced-${randomUUID()}`;
    const since = BigInt(Date.now()) * 1_000_000n;
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: client.traceparent,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query: productPage, variables: { id: await mostReviewedProduct() } }),
    });
    expect(response.status).toBe(200);
    // The (traced) subgraphs still trace their part, but as traces of their own: the router
    // forwarded no traceparent, neither the client's nor one of its own.
    const fresh = () =>
      receiver.spans.filter(
        (s) => s.service === 'mercato-reviews' && s.kind === SERVER && s.startNs >= since,
      );
    await waitFor(async () => fresh().length > 0, 15_000);
    expect(fresh().every((s) => s.parentSpanId === '')).toBe(true);
    expect(receiver.spans.filter((s) => s.traceId === client.traceId)).toEqual([]);
    // Its log lines carry the request id but no trace id.
    await waitFor(async () =>
      logLines(untraced).some((l) => l.requestId === requestId && l.msg === 'request'),
    );
    const lines = logLines(untraced).filter((l) => l.requestId === requestId);
    expect(lines.every((l) => !('traceId' in l))).toBe(true);
  });

  it('a stopping router exports the spans it still holds before it exits', async () => {
    const port = await freePort();
    // Batches every ten minutes: only the stop's flush can export this request's spans.
    const router = await start('router', port, true, { OTEL_BSP_SCHEDULE_DELAY: '600000' });
    const client = clientTrace();
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: client.traceparent },
      body: JSON.stringify({ query: '{ products(first: 1) { nodes { id } } }' }),
    });
    expect(response.status).toBe(200);
    const fromRouter = () =>
      receiver.spans.filter((s) => s.traceId === client.traceId && s.service === 'mercato-router');
    // The catalog's part arrives on its own schedule; the router's waits in its batch.
    await receiver.trace(client.traceId, (spans) =>
      spans.some((x) => x.service === 'mercato-catalog'),
    );
    expect(fromRouter()).toEqual([]);
    router.child.kill('SIGTERM');
    const exit = await router.exited;
    expect(exit.code).toBe(0);
    expect(fromRouter().map((s) => s.name)).toContain('POST /graphql');
  });
});

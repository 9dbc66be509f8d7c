import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { committedSupergraph } from '../lib/supergraph';
import { sha256Hex } from '../lib/hash';
import { withChangedOperations } from './support/operations';
import { root } from '../lib/paths';
import {
  apiSchemaOf,
  buildOperations,
  classesPath,
  operationOutputs,
  readOperationSources,
  staleOutputs,
  clientBody,
} from '../scripts/operations/build';
import {
  createRegistry,
  manifestPath,
  loadPersistedQueries,
  parseManifest,
  type PersistedOperation,
} from '../router/persisted/manifest';
import {
  refusalBody,
  resolveHttpRequest,
  resolveOperation,
  type PersistedClient,
  type PersistedPolicy,
  type Resolution,
} from '../router/persisted/resolve';

/** The persisted-query list (DESIGN.md §4): its documents, its manifest and the rules applied to it. */
const registry = loadPersistedQueries(manifestPath);
const byName = (name: string): PersistedOperation => {
  const op = [...registry.byId.values()].find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name} in the manifest`);
  return op;
};
const app = byName('ProductPage');
const partnerOp = byName('StockAvailability');
const otherPartnerOp = byName('ProductDetail');

const partner: PersistedClient = { kind: 'partner' };
const firstParty: PersistedClient = { kind: 'first-party' };
const production: PersistedPolicy = { appFreeform: false };
const development: PersistedPolicy = { appFreeform: true };

const byHash = (id: string, extra: Record<string, unknown> = {}) => ({
  operationName: 'X',
  variables: { a: 1 },
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
  ...extra,
});

function expectListed(result: Resolution, op: PersistedOperation): void {
  expect(result).toMatchObject({ ok: true, operation: { id: op.id } });
  if (!result.ok) return;
  const body = result.body as Record<string, unknown>;
  expect(body.query).toBe(op.body);
  expect(body.documentId).toBeUndefined();
  expect((body.extensions as Record<string, unknown> | undefined)?.persistedQuery).toBeUndefined();
}

const refused = (status: number, code: string) =>
  expect.objectContaining({ ok: false, status, code });

describe('operation documents', () => {
  const sources = readOperationSources();
  const schema = apiSchemaOf(committedSupergraph());

  it('include the first-party and partner operations', () => {
    const names = (cls: string) =>
      sources.filter((s) => s.class === cls).map((s) => path.basename(s.file, '.graphql'));
    expect(names('app')).toEqual(
      expect.arrayContaining([
        'ProductPage',
        'CategoryListing',
        'SearchProducts',
        'MyOrders',
        'CategoryTree',
      ]),
    );
    expect(names('partner')).toEqual(
      expect.arrayContaining(['CatalogFeed', 'StockAvailability', 'ProductDetail']),
    );
  });

  it.each(sources.map((s) => [path.relative(root, s.file), s.source]))(
    '%s validates against the supergraph API schema',
    (_file, source) => {
      const document = parse(source);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      expect(validate(schema, parse(clientBody(document))).map((e) => e.message)).toEqual([]);
    },
  );

  it('build without errors', () => {
    expect(buildOperations(sources, schema).errors).toEqual([]);
  });

  it('are refused when invalid, anonymous, plural or misnamed', () => {
    const file = (name: string, source: string) => ({
      file: path.join(root, 'schema/operations/partner', `${name}.graphql`),
      class: 'partner' as const,
      source,
    });
    const { errors } = buildOperations(
      [
        file('Bad', 'query Bad { product(id: "1") { nope } }'),
        file('Anon', '{ categories { id } }'),
        file('Two', 'query Two { categories { id } } query Three { categories { id } }'),
        file('Other', 'query Named { categories { id } }'),
        file('Dup', 'query ProductDetail { categories { id } }'),
        file('ProductDetail', 'query ProductDetail { categories { id } }'),
      ],
      schema,
    );
    expect(errors).toEqual([
      expect.stringMatching(/Bad.graphql: Cannot query field "nope" on type "Product"/),
      expect.stringMatching(/Anon.graphql: the operation must be named/),
      expect.stringMatching(/Two.graphql: must hold exactly one operation, found 2/),
      expect.stringMatching(/Other.graphql: the operation is Named; name the file Named.graphql/),
      expect.stringMatching(/Dup.graphql: the operation is ProductDetail/),
      expect.stringMatching(/ProductDetail.graphql: operation ProductDetail is already defined/),
    ]);
  });
});

describe('the manifest', () => {
  it('is current (run `npm run operations` when this fails)', () => {
    const { built, outputs } = operationOutputs(committedSupergraph());
    expect(built.errors).toEqual([]);
    expect(staleOutputs(outputs)).toEqual([]);
  });

  it('goes stale once a document changes', () => {
    withChangedOperations((dir) => {
      expect(staleOutputs(operationOutputs(committedSupergraph(), dir).outputs)).toEqual([
        path.join(dir, 'manifest.json'),
        path.join(dir, 'classes.json'),
      ]);
    });
  });

  it("is Apollo's persisted query list: format, version 1, id = sha256 of body, ordered by name", () => {
    const manifest = parseManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
    const names = manifest.operations.map((o) => o.name);
    expect(names).toEqual([...names].sort());
    for (const op of manifest.operations) {
      expect(op.id).toBe(sha256Hex(op.body));
      expect(op.type).toBe(op.body.startsWith('mutation') ? 'mutation' : 'query');
    }
  });

  it("bodies are what Apollo Client sends: __typename in every selection set but the operation's own", () => {
    const body = clientBody(
      parse(
        'query Q { ...F product(id: "1") { id __typename } } fragment F on Query { categories { id } }',
      ),
    );
    expect(body).toBe(
      print(
        parse(
          'query Q { ...F product(id: "1") { id __typename } } fragment F on Query { categories { id __typename } __typename }',
        ),
      ),
    );
  });

  it('classes every operation by its folder', () => {
    expect(app.class).toBe('app');
    expect(partnerOp.class).toBe('partner');
    expect(new Set([...registry.byId.values()].map((o) => o.class))).toEqual(
      new Set(['app', 'partner']),
    );
  });

  it('refuses to load a malformed list', () => {
    const manifest = parseManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
    const classes = JSON.parse(readFileSync(classesPath, 'utf8')) as Record<string, string>;
    expect(() => parseManifest({ format: 'x', version: 1, operations: [] })).toThrow(/version 1/);
    const [first] = manifest.operations;
    if (!first) throw new Error('empty manifest');
    expect(() => createRegistry({ ...manifest, operations: [first, first] }, classes)).toThrow(
      /listed twice/,
    );
    expect(() =>
      createRegistry({ ...manifest, operations: [{ ...first, body: `${first.body} ` }] }, classes),
    ).toThrow(/not the sha256/);
    expect(() => createRegistry(manifest, { ...classes, [first.id]: 'admin' })).toThrow(/no class/);
  });
});

describe('resolveOperation', () => {
  describe('by id', () => {
    it('turns a listed hash into its document, keeping operationName and variables', () => {
      const result = resolveOperation(
        byHash(app.id, {
          extensions: { persistedQuery: { version: 1, sha256Hash: app.id }, x: 1 },
        }),
        firstParty,
        production,
        registry,
      );
      expectListed(result, app);
      expect(result.ok && result.body).toEqual({
        operationName: 'X',
        variables: { a: 1 },
        query: app.body,
        extensions: { x: 1 },
      });
    });

    it('accepts a top-level documentId as the id', () => {
      expectListed(
        resolveOperation({ documentId: partnerOp.id }, partner, production, registry),
        partnerOp,
      );
    });

    it('refuses a documentId and a hash that disagree, and malformed ids', () => {
      expect(
        resolveOperation(
          byHash(app.id, { documentId: partnerOp.id }),
          firstParty,
          development,
          registry,
        ),
      ).toEqual(refused(400, 'BAD_REQUEST'));
      expect(
        resolveOperation(
          { extensions: { persistedQuery: { sha256Hash: 1 } } },
          partner,
          production,
          registry,
        ),
      ).toEqual(refused(400, 'BAD_REQUEST'));
      expect(
        resolveOperation(
          { extensions: { persistedQuery: { version: 2, sha256Hash: app.id } } },
          firstParty,
          development,
          registry,
        ),
      ).toEqual(refused(400, 'BAD_REQUEST'));
      expect(resolveOperation({ documentId: 7 }, partner, production, registry)).toEqual(
        refused(400, 'BAD_REQUEST'),
      );
    });

    it('answers an unknown id with PERSISTED_QUERY_NOT_FOUND, 200, as Apollo Server does', () => {
      const unknown = sha256Hex('query Unknown { categories { id } }');
      for (const [client, policy] of [
        [partner, production],
        [partner, development],
        [firstParty, production],
      ] as const) {
        const result = resolveOperation(byHash(unknown), client, policy, registry);
        expect(result).toEqual(refused(200, 'PERSISTED_QUERY_NOT_FOUND'));
        if (!result.ok)
          expect(refusalBody(result)).toEqual({
            errors: [
              {
                message: 'PersistedQueryNotFound',
                extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
              },
            ],
          });
      }
      // A documentId is ours alone, whatever the policy.
      expect(resolveOperation({ documentId: unknown }, firstParty, development, registry)).toEqual(
        refused(200, 'PERSISTED_QUERY_NOT_FOUND'),
      );
    });

    it("leaves an unknown hash to Apollo Server's APQ cache where freeform GraphQL is allowed", () => {
      const body = byHash(sha256Hex('query Unknown { categories { id } }'));
      expect(resolveOperation(body, firstParty, development, registry)).toEqual({
        ok: true,
        body,
        operation: null,
      });
    });
  });

  describe('partners', () => {
    it('run listed partner operations by id', () => {
      expectListed(
        resolveOperation(byHash(partnerOp.id), partner, production, registry),
        partnerOp,
      );
      expectListed(
        resolveOperation(byHash(partnerOp.id), partner, development, registry),
        partnerOp,
      );
    });

    it('may not run first-party operations, even by id', () => {
      expect(resolveOperation(byHash(app.id), partner, development, registry)).toEqual(
        refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'),
      );
    });

    it('run only the names of their allowedOperations when set', () => {
      const narrow: PersistedClient = { kind: 'partner', allowedOperations: ['StockAvailability'] };
      expectListed(resolveOperation(byHash(partnerOp.id), narrow, production, registry), partnerOp);
      expect(resolveOperation(byHash(otherPartnerOp.id), narrow, production, registry)).toEqual(
        refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'),
      );
      const none: PersistedClient = { kind: 'partner', allowedOperations: [] };
      expect(resolveOperation(byHash(partnerOp.id), none, production, registry)).toEqual(
        refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'),
      );
      const all: PersistedClient = { kind: 'partner', allowedOperations: null };
      expectListed(
        resolveOperation(byHash(otherPartnerOp.id), all, production, registry),
        otherPartnerOp,
      );
    });

    it('never send freeform GraphQL, in development either', () => {
      for (const policy of [production, development]) {
        const result = resolveOperation(
          { query: '{ categories { id } }' },
          partner,
          policy,
          registry,
        );
        expect(result).toEqual(refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'));
        if (!result.ok) expect(result.message).toMatch(/persisted-query list/);
      }
      expect(resolveOperation({ query: 42 }, partner, production, registry)).toEqual(
        refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'),
      );
    });

    it('may send a listed document as text: it hashes to a listed id', () => {
      expectListed(
        resolveOperation({ query: partnerOp.body }, partner, production, registry),
        partnerOp,
      );
      // ...but only one of their class.
      expect(resolveOperation({ query: app.body }, partner, production, registry)).toEqual(
        refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'),
      );
    });

    it('cannot register an operation through APQ (hash and query together)', () => {
      const evil = 'query StockAvailability { products(first: 100) { nodes { id } } }';
      // The listed hash with another document: not its hash, and refused.
      expect(
        resolveOperation(byHash(partnerOp.id, { query: evil }), partner, production, registry),
      ).toEqual(refused(400, 'PERSISTED_QUERY_HASH_MISMATCH'));
      // The document's own hash, unlisted: freeform, and refused.
      expect(
        resolveOperation(byHash(sha256Hex(evil), { query: evil }), partner, production, registry),
      ).toEqual(refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'));
      // The listed hash with its own document (Apollo Client's retry after NOT_FOUND): listed.
      expectListed(
        resolveOperation(
          byHash(partnerOp.id, { query: partnerOp.body }),
          partner,
          production,
          registry,
        ),
        partnerOp,
      );
    });
  });

  describe('first-party apps', () => {
    it('run listed app operations by id under either policy', () => {
      expectListed(resolveOperation(byHash(app.id), firstParty, production, registry), app);
      expectListed(resolveOperation(byHash(app.id), firstParty, development, registry), app);
    });

    it('may not run partner operations by id unless freeform GraphQL is allowed', () => {
      expect(resolveOperation(byHash(partnerOp.id), firstParty, production, registry)).toEqual(
        refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'),
      );
      expectListed(
        resolveOperation(byHash(partnerOp.id), firstParty, development, registry),
        partnerOp,
      );
    });

    it('send freeform GraphQL only where the policy allows it', () => {
      const body = { query: '{ categories { id } }', variables: {} };
      expect(resolveOperation(body, firstParty, development, registry)).toEqual({
        ok: true,
        body,
        operation: null,
      });
      expect(resolveOperation(body, firstParty, production, registry)).toEqual(
        refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'),
      );
      expectListed(resolveOperation({ query: app.body }, firstParty, production, registry), app);
    });

    it('register through APQ untouched where freeform is allowed, and not otherwise', () => {
      const query = '{ categories { id } }';
      const body = byHash(sha256Hex(query), { query });
      expect(resolveOperation(body, firstParty, development, registry)).toEqual({
        ok: true,
        body,
        operation: null,
      });
      expect(resolveOperation(body, firstParty, production, registry)).toEqual(
        refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'),
      );
      expect(resolveOperation(byHash(app.id, { query }), firstParty, production, registry)).toEqual(
        refused(400, 'PERSISTED_QUERY_HASH_MISMATCH'),
      );
      expectListed(
        resolveOperation(byHash(app.id, { query: app.body }), firstParty, production, registry),
        app,
      );
    });
  });

  it('passes through what is not a single request object, and empty requests', () => {
    for (const body of [[byHash(app.id)], 'query { x }', null, undefined]) {
      expect(resolveOperation(body, partner, production, registry)).toEqual({
        ok: true,
        body,
        operation: null,
      });
    }
    // No document and no id: nothing can run, and Apollo Server says what is missing.
    expect(resolveOperation({ variables: {} }, partner, production, registry)).toMatchObject({
      ok: true,
    });
  });
});

describe('resolveHttpRequest', () => {
  const get = (params: Record<string, string>) => ({
    method: 'GET',
    search: `?${new URLSearchParams(params).toString()}`,
    body: undefined,
  });

  it('resolves a GET by id into a GET with the listed document', () => {
    const result = resolveHttpRequest(
      get({
        operationName: 'StockAvailability',
        variables: '{"skus":["A"]}',
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: partnerOp.id } }),
      }),
      partner,
      production,
      registry,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const params = new URLSearchParams(result.search);
    expect(params.get('query')).toBe(partnerOp.body);
    expect(params.get('variables')).toBe('{"skus":["A"]}');
    expect(params.get('operationName')).toBe('StockAvailability');
    expect(params.has('extensions')).toBe(false);
  });

  it('applies the list to GET parameters: no freeform GraphQL around it', () => {
    expect(
      resolveHttpRequest(get({ query: '{ categories { id } }' }), partner, production, registry),
    ).toEqual(refused(403, 'PERSISTED_QUERY_NOT_IN_LIST'));
    expect(
      resolveHttpRequest(get({ extensions: '{not json' }), partner, production, registry),
    ).toEqual(refused(400, 'BAD_REQUEST'));
  });

  it('leaves an accepted unlisted request exactly as it came', () => {
    const request = get({ query: '{ categories { id } }' });
    expect(resolveHttpRequest(request, firstParty, development, registry)).toMatchObject({
      ok: true,
      search: request.search,
      operation: null,
    });
    const post = { method: 'POST', search: '', body: byHash(partnerOp.id) };
    expect(resolveHttpRequest(post, partner, production, registry)).toMatchObject({
      ok: true,
      search: '',
      body: { query: partnerOp.body },
    });
  });
});

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  Observable,
  type DocumentNode,
} from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { generatePersistedQueryIdsFromManifest } from '@apollo/persisted-query-lists';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../lib/hash';
import { closeServer, listen } from '../lib/http';
import { clientBody, readOperationSources } from '../scripts/operations/build';
import { manifestPath } from '../router/persisted/manifest';
import { loadPersistedQueries, parseManifest } from '../router/persisted/manifest';
import { refusalBody, refusalHeaders, resolveOperation } from '../router/persisted/resolve';
import { useSupergraph } from './support/supergraph';

/**
 * Compatibility with the real Apollo Client (v4) and @apollo/persisted-query-lists: what a web
 * shop built on them sends must name the manifest's ids, and the router must answer it.
 */
const manifest = parseManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
const sha256 = sha256Hex;
const documents = readOperationSources().map((s) => {
  const document = parse(s.source);
  const definition = document.definitions[0];
  const name = definition && 'name' in definition ? (definition.name?.value ?? '') : '';
  return { name, document };
});

interface Sent {
  query: string;
  hash: string | null;
}

function isHashed(value: unknown): value is { sha256Hash: string } {
  return typeof value === 'object' && value !== null && 'sha256Hash' in value;
}

/** What Apollo Client hands its terminating link for `document`, without any network. */
async function sentBy(link: ApolloLink, document: DocumentNode): Promise<Sent> {
  let sent: Sent | undefined;
  const capture = new ApolloLink((operation) => {
    // HttpLink sends `print(operation.query)` (graphql-js's printer) as the document.
    const { persistedQuery } = operation.extensions;
    sent = {
      query: print(operation.query),
      hash: isHashed(persistedQuery) ? persistedQuery.sha256Hash : null,
    };
    return new Observable((observer) => {
      observer.next({ data: null });
      observer.complete();
    });
  });
  const client = new ApolloClient({ cache: new InMemoryCache(), link: link.concat(capture) });
  const isMutation = document.definitions.some(
    (d) => d.kind === 'OperationDefinition' && d.operation === 'mutation',
  );
  if (isMutation) await client.mutate({ mutation: document }).catch(() => undefined);
  else await client.query({ query: document, fetchPolicy: 'no-cache' }).catch(() => undefined);
  if (!sent) throw new Error('Apollo Client sent nothing');
  return sent;
}

describe('Apollo Client v4 names the manifest ids (no router involved)', () => {
  it.each(documents.map((d) => [d.name, d.document] as const))(
    '%s: the persisted-query link hashing what it sends gives the manifest id',
    async (name, document) => {
      const listed = manifest.operations.find((o) => o.name === name);
      expect(listed).toBeDefined();
      const sent = await sentBy(new PersistedQueryLink({ sha256 }), document);
      expect(sent.query).toBe(listed?.body);
      expect(sent.hash).toBe(listed?.id);
    },
  );

  it.each(documents.map((d) => [d.name, d.document] as const))(
    '%s: generatePersistedQueryIdsFromManifest gives the manifest id',
    async (name, document) => {
      const link = new PersistedQueryLink(
        generatePersistedQueryIdsFromManifest({ loadManifest: () => manifest }),
      );
      const sent = await sentBy(link, document);
      expect(sent.hash).toBe(manifest.operations.find((o) => o.name === name)?.id);
    },
  );
});

describe('Apollo Client v4 against the router', () => {
  const supergraph = useSupergraph();
  const productPage = documents.find((d) => d.name === 'ProductPage')!.document;

  /** A client whose requests are recorded as the router received them. */
  function client(uri = supergraph.stack.routerUrl, list = manifest) {
    const requests: { body: Record<string, unknown>; status: number; response: unknown }[] = [];
    const fetchAndRecord: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const text = await response.clone().text();
      requests.push({
        body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>,
        status: response.status,
        response: JSON.parse(text) as unknown,
      });
      return response;
    };
    const apollo = new ApolloClient({
      cache: new InMemoryCache(),
      link: new PersistedQueryLink(
        generatePersistedQueryIdsFromManifest({ loadManifest: () => list }),
      ).concat(new HttpLink({ uri, fetch: fetchAndRecord })),
    });
    return { apollo, requests };
  }

  /**
   * What the wiring will do, done here by a proxy in front of the router: resolveOperation on
   * each body (as a first-party app under the production policy), refusals answered directly.
   */
  async function withResolvingProxy<T>(run: (url: string) => Promise<T>): Promise<T> {
    const registry = loadPersistedQueries(manifestPath);
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const resolved = resolveOperation(
          body,
          { kind: 'first-party' },
          { appFreeform: false },
          registry,
        );
        if (!resolved.ok) {
          res.writeHead(resolved.status, {
            'content-type': 'application/json',
            ...refusalHeaders,
          });
          res.end(JSON.stringify(refusalBody(resolved)));
          return;
        }
        fetch(supergraph.stack.routerUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(resolved.body),
        })
          .then(async (response) => {
            res.writeHead(response.status, { 'content-type': 'application/json' });
            res.end(await response.text());
          })
          .catch(() => res.writeHead(502).end());
      });
    });
    const port = await listen(proxy, 0, '127.0.0.1');
    try {
      return await run(`http://127.0.0.1:${port}/graphql`);
    } finally {
      await closeServer(proxy);
    }
  }

  it('with resolveOperation in front (the wiring, simulated): ProductPage in one request', async () => {
    const id = String(
      (await supergraph.sql<{ id: number }[]>`select min(id) as id from catalog.products`)[0]!.id,
    );
    await withResolvingProxy(async (url) => {
      const { apollo, requests } = client(url);
      const result = await apollo.query({
        query: productPage,
        variables: { id },
        fetchPolicy: 'no-cache',
      });
      expect(result.data).toMatchObject({ product: { id } });
      expect(requests.map((r) => [r.status, 'query' in r.body])).toEqual([[200, false]]);
    });
  });

  it('with resolveOperation in front: an id the router does not list ends NOT_IN_LIST after the retry', async () => {
    const ahead = {
      ...manifest,
      operations: [
        {
          // The id a generated manifest would list: the hash of what Apollo Client sends.
          id: sha256(clientBody(parse('query Ahead { categories { id } }'))),
          name: 'Ahead',
          type: 'query' as const,
          body: '',
        },
      ],
    };
    await withResolvingProxy(async (url) => {
      const { apollo, requests } = client(url, ahead);
      const result = await apollo
        .query({ query: parse('query Ahead { categories { id } }'), fetchPolicy: 'no-cache' })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(String(result)).toMatch(/403/);
      // First the id alone (not found, 200), then Apollo Client's retry with the document, which
      // is freeform GraphQL this client may not send.
      expect(requests.map((r) => [r.status, 'query' in r.body])).toEqual([
        [200, false],
        [403, true],
      ]);
      expect(
        requests.map(
          (r) =>
            (r.response as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions
              .code,
        ),
      ).toEqual(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_IN_LIST']);
    });
  });

  /*
   * The router resolves the id from the manifest, so Apollo Client's first request — the id
   * alone, no document — is answered with data: one request, no APQ round trip.
   */
  it('ProductPage by id through the persisted-query link: one request, data', async () => {
    const id = String(
      (await supergraph.sql<{ id: number }[]>`select min(id) as id from catalog.products`)[0]!.id,
    );
    const { apollo, requests } = client();
    const result = await apollo.query({
      query: productPage,
      variables: { id },
      fetchPolicy: 'no-cache',
    });
    expect(result.data).toMatchObject({ product: { id } });
    expect(requests.map((r) => [r.status, 'query' in r.body])).toEqual([[200, false]]);
  });
});

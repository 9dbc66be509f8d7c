import { describe, expect, it } from 'vitest';
import { DATA_ONLY_HEADER } from '../../lib/direct-queries';
import type { Viewer } from '../../lib/identity';
import { postRaw } from '../support/graphql';
import { scrape, total } from '../support/metrics';
import { useSubgraphs } from '../support/subgraphs';

/**
 * Direct queries (lib/direct-queries.ts): a subgraph runs a query Apollo accepted before without
 * Apollo's pipeline. Every answer must be the one Apollo gives — byte for byte, status and
 * content type included — and each caller's own.
 */
const harness = useSubgraphs(['accounts', 'catalog']);

const admin: Viewer = { userId: 1, roles: ['ADMIN'], partnerId: null };
/** Hive Gateway's `accept` for a query (@graphql-tools/executor-http). */
const hiveAccept = 'application/graphql-response+json, application/json, multipart/mixed';

/** POSTs a GraphQL request to a subgraph and keeps the answer as it came. */
const send = (subgraph: 'accounts' | 'catalog', body: object, headers: Record<string, string>) =>
  postRaw(harness.url(subgraph), body, headers);

/** Queries answered directly so far by `subgraph`. */
async function directCount(subgraph: 'accounts' | 'catalog'): Promise<number> {
  const samples = await scrape(harness.set.subgraphs[subgraph]!.managementUrl);
  return total(samples, 'mercato_subgraph_direct_operations_total');
}

/** Sends `body` twice (Apollo, then the direct path) and returns both answers. */
async function twice(
  subgraph: 'accounts' | 'catalog',
  body: object,
  headers: Record<string, string>,
) {
  const before = await directCount(subgraph);
  const first = await send(subgraph, body, headers);
  const second = await send(subgraph, body, headers);
  return { first, second, direct: (await directCount(subgraph)) - before };
}

/** A query no other test sends, so Apollo sees it first here. */
const catalogQuery = (tag: string) =>
  `query Direct_${tag}($first: Int) { products(first: $first) { nodes { id sku name price { amount currency } createdAt } pageInfo { hasNextPage endCursor } } }`;

describe('direct queries', () => {
  it('answer a query Apollo accepted before, exactly as Apollo answered it', async () => {
    const body = { query: catalogQuery('same'), variables: { first: 5 } };
    const { first, second, direct } = await twice('catalog', body, harness.set.signedAs(admin));
    expect(direct).toBe(1);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).data.products.nodes).toHaveLength(5);
    expect(second).toEqual(first);
  });

  it('mark their answers as data only, for the router to pass on as they are', async () => {
    const body = JSON.stringify({ query: catalogQuery('marked'), variables: { first: 3 } });
    const headers = { 'content-type': 'application/json', ...harness.set.signedAs(admin) };
    const ask = () => fetch(harness.url('catalog'), { method: 'POST', headers, body });
    const [apollo, direct] = [await ask(), await ask()];
    expect(apollo.headers.get(DATA_ONLY_HEADER)).toBeNull();
    expect(direct.headers.get(DATA_ONLY_HEADER)).toBe('1');
    const text = await direct.text();
    expect(text).toBe(await apollo.text());
    // Exactly `{"data":…}` and a newline: what JSON.stringify writes of the parsed answer.
    expect(text).toBe(`${JSON.stringify({ data: JSON.parse(text).data })}\n`);
  });

  it("answer Hive Gateway's accept header with the content type Apollo chose", async () => {
    const body = { query: catalogQuery('hive'), variables: { first: 2 } };
    const headers = { ...harness.set.signedAs(admin), accept: hiveAccept };
    const { first, second, direct } = await twice('catalog', body, headers);
    expect(direct).toBe(1);
    expect(first.contentType).toBe('application/graphql-response+json; charset=utf-8');
    expect(second).toEqual(first);
  });

  it('leave other accept headers to Apollo', async () => {
    const body = { query: catalogQuery('weighted'), variables: { first: 2 } };
    const headers = { ...harness.set.signedAs(admin), accept: 'application/json;q=0.9, */*' };
    const { first, second, direct } = await twice('catalog', body, headers);
    expect(direct).toBe(0);
    expect(second).toEqual(first);
  });

  it('give two callers of one query at the same moment each their own answer', async () => {
    const query = 'query Direct_me { me { id name email } }';
    const [one, two] = (
      await harness.sql<{ id: number }[]>`
      select id from accounts.users order by id limit 2`
    ).map((row) => row.id);
    const as = (userId: number) =>
      harness.set.signedAs({ userId, roles: ['CUSTOMER'], partnerId: null });
    // Apollo accepts the document once; from then on both callers are answered directly.
    await send('accounts', { query }, as(one!));
    const before = await directCount('accounts');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const userId = i % 2 === 0 ? one! : two!;
        return send('accounts', { query }, as(userId)).then((raw) => ({ userId, raw }));
      }),
    );
    expect((await directCount('accounts')) - before).toBe(20);
    for (const { userId, raw } of answers) {
      expect(raw.status).toBe(200);
      expect(JSON.parse(raw.text).data.me.id).toBe(String(userId));
    }
    const anonymous = await send('accounts', { query }, harness.set.signedAs());
    expect(JSON.parse(anonymous.text)).toEqual({ data: { me: null } });
  });

  it('leave errors to Apollo: a bad variable and a resolver refusal come out as before', async () => {
    const query = catalogQuery('errors');
    const headers = harness.set.signedAs(admin);
    await send('catalog', { query, variables: { first: 1 } }, headers);
    const before = await directCount('catalog');
    const badVariable = await send('catalog', { query, variables: { first: 'ten' } }, headers);
    expect(badVariable.status).toBe(400);
    expect(JSON.parse(badVariable.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const refused = await send('catalog', { query, variables: { first: -1 } }, headers);
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await directCount('catalog')) - before).toBe(0);
  });

  it('refuse an unsigned caller of a known query as Apollo does', async () => {
    const body = { query: catalogQuery('unsigned'), variables: { first: 1 } };
    await send('catalog', body, harness.set.signedAs(admin));
    const before = await directCount('catalog');
    const unsigned = await send('catalog', body, {});
    expect(unsigned.status).toBe(401);
    expect(JSON.parse(unsigned.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await directCount('catalog')) - before).toBe(0);
  });

  it('never run a mutation outside Apollo', async () => {
    const mutation =
      'mutation Direct_logIn($input: LogInInput!) { logIn(input: $input) { token errors { code } } }';
    const body = {
      query: mutation,
      variables: { input: { email: 'nobody@example.com', password: 'wrong-password' } },
    };
    const { first, second, direct } = await twice('accounts', body, harness.set.signedAs());
    expect(direct).toBe(0);
    expect(first.status).toBe(second.status);
  });
});

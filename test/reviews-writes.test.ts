import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, gql, type GraphQLBody } from './support/graphql';
import { useSupergraph } from './support/supergraph';

/**
 * addReview (DESIGN.md §2): signed-in users only, one review per user and product (even when
 * many arrive at once), validated, failures reported as UserErrors, nothing written on failure,
 * and the product's rating and review lists reflect the review at once through the router.
 */
const supergraph = useSupergraph();

const SKU_PREFIX = `RVW-${process.pid}-`;
// Fresh products, so no seeded review gets in the way; removed afterwards with their reviews,
// because other files list the newest products and reviews and expect the seed's.
let products: number[] = [];
// Seeded customers (2..200) with no reviews of the fresh products until these tests write them.
const EARLIER_REVIEWERS = [180, 181, 182];
const [WRITER, RACER, BOUNDS, REJECTED] = [190, 191, 192, 193];

beforeAll(async () => {
  const [category] = await supergraph.sql<
    { id: number }[]
  >`select id from catalog.categories order by id limit 1`;
  const rows = await supergraph.sql<{ id: number }[]>`
    insert into catalog.products (sku, name, description, price_amount, weight_grams, category_id)
    select ${SKU_PREFIX} || n, 'Review Kettle ' || n, 'A kettle to review.', 2999, 900, ${category!.id}
    from generate_series(1, 4) as n
    order by n
    returning id`;
  products = rows.map((r) => r.id);
  // The first product already has three reviews (5, 4 and 2 stars), so its average moves.
  for (const [i, authorId] of EARLIER_REVIEWERS.entries()) {
    await supergraph.sql`
      insert into reviews.reviews (product_id, author_id, rating, body, created_at)
      values (${products[0]!}, ${authorId}, ${[5, 4, 2][i]!}, 'Earlier review', now() - interval '1 day')`;
  }
});

afterAll(async () => {
  if (products.length > 0)
    await supergraph.sql`delete from reviews.reviews where product_id in ${supergraph.sql(products)}`;
  await supergraph.sql`delete from catalog.products where sku like ${`${SKU_PREFIX}%`}`;
});

const ADD = `mutation ($input: AddReviewInput!) {
  addReview(input: $input) {
    review {
      id rating body createdAt
      author { id name }
      product { id name rating { average count } }
    }
    errors { code field message } } }`;

interface Payload {
  review: {
    id: string;
    rating: number;
    body: string;
    author: { id: string; name: string };
    product: { id: string; name: string; rating: { average: number | null; count: number } };
  } | null;
  errors: { code: string; field: string | null; message: string }[];
}

const as = (userId: number) => supergraph.stack.authAs(userId, ['CUSTOMER']);
const add = async (input: object, headers: Record<string, string>) =>
  await gql(supergraph.stack.routerUrl, ADD, { input }, headers);
const payload = (body: GraphQLBody) => body.data?.addReview as Payload;

const reviewCount = async () =>
  (await supergraph.sql<{ n: number }[]>`select count(*)::int as n from reviews.reviews`)[0]!.n;
const ratingInSql = async (productId: number) =>
  (
    await supergraph.sql<{ n: number; sum: number; average: number | null }[]>`
      select count(*)::int as n, coalesce(sum(rating), 0)::int as sum, avg(rating)::float8 as average
      from reviews.reviews where product_id = ${productId}`
  )[0]!;

describe('who may review', () => {
  it('an anonymous caller is refused with UNAUTHENTICATED and nothing is written', async () => {
    const before = await reviewCount();
    const { body } = await add({ productId: String(products[0]), rating: 5, body: 'Hi' }, {});
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.data ?? null).toBeNull();
    expect(await reviewCount()).toBe(before);
  });
});

describe('a signed-in user', () => {
  it('adds a review: returned with author and product, and the rating moves at once', async () => {
    const productId = products[0]!;
    const before = await ratingInSql(productId);
    expect(before).toEqual({ n: 3, sum: 11, average: 11 / 3 });
    const [writer] = await supergraph.sql<{ name: string }[]>`
      select name from accounts.users where id = ${WRITER}`;

    const { body } = await add(
      { productId: String(productId), rating: 4, body: '  Boils fast, whistles loudly.\n ' },
      await as(WRITER),
    );
    expect(body.errors).toBeUndefined();
    const { review, errors } = payload(body);
    expect(errors).toEqual([]);
    // 3 reviews summing to 11, plus a 4: 4 reviews averaging 15 / 4.
    expect(review).toMatchObject({
      rating: 4,
      body: 'Boils fast, whistles loudly.',
      author: { id: String(WRITER), name: writer!.name },
      product: { id: String(productId), rating: { count: 4, average: 3.75 } },
    });
    const after = await ratingInSql(productId);
    expect(after).toEqual({ n: before.n + 1, sum: before.sum + 4, average: 3.75 });
    const [row] = await supergraph.sql<{ id: number; body: string; author_id: number }[]>`
      select id, body, author_id from reviews.reviews where id = ${Number(review!.id)}`;
    expect(row).toEqual({ id: Number(review!.id), body: review!.body, author_id: WRITER });

    // A later request sees it too: the summary, first in the product's and the author's lists.
    const seen = await gql(
      supergraph.stack.routerUrl,
      `query ($product: ID!, $user: ID!) {
        product(id: $product) { rating { average count } reviews(first: 2) { totalCount nodes { id } } }
        user(id: $user) { reviews(first: 1) { nodes { id body product { id } } } } }`,
      { product: String(productId), user: String(WRITER) },
    );
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data).toEqual({
      product: {
        rating: { average: after.average, count: after.n },
        reviews: { totalCount: 4, nodes: [{ id: review!.id }, expect.anything()] },
      },
      user: {
        reviews: {
          nodes: [{ id: review!.id, body: review!.body, product: { id: String(productId) } }],
        },
      },
    });
  });

  it('cannot review the same product twice: ALREADY_REVIEWED, the count stays', async () => {
    const productId = products[0]!;
    const before = await ratingInSql(productId);
    const { body } = await add(
      { productId: String(productId), rating: 1, body: 'Changed my mind' },
      await as(WRITER),
    );
    expect(body.errors).toBeUndefined();
    expect(payload(body)).toEqual({
      review: null,
      errors: [{ code: 'ALREADY_REVIEWED', field: 'productId', message: expect.any(String) }],
    });
    expect(await ratingInSql(productId)).toEqual(before);
    const seen = await gql(
      supergraph.stack.routerUrl,
      `query ($id: ID!) { product(id: $id) { rating { count average } } }`,
      { id: String(productId) },
    );
    expect(seen.body.data).toEqual({
      product: { rating: { count: before.n, average: before.average } },
    });
  });

  it('gets exactly one review in when 20 identical addReviews race', async () => {
    const productId = products[1]!;
    const headers = await as(RACER);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        add({ productId: String(productId), rating: 5, body: `Attempt ${i}` }, headers),
      ),
    );
    for (const { status, body } of results) {
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    }
    const outcomes = results.map(({ body }) => payload(body));
    expect(outcomes.filter((o) => o.review !== null && o.errors.length === 0)).toHaveLength(1);
    expect(
      outcomes.filter(
        (o) =>
          o.review === null && o.errors.length === 1 && o.errors[0]!.code === 'ALREADY_REVIEWED',
      ),
    ).toHaveLength(19);
    const rows = await supergraph.sql`
      select id from reviews.reviews where product_id = ${productId} and author_id = ${RACER}`;
    expect(rows).toHaveLength(1);
    expect(await ratingInSql(productId)).toEqual({ n: 1, sum: 5, average: 5 });
  });

  it('may write the longest body (4,000 characters, counted as people count them)', async () => {
    // 4,000 emoji are 8,000 UTF-16 code units but 4,000 characters.
    const text = '😀'.repeat(3_999) + 'x';
    const { body } = await add(
      { productId: String(products[2]), rating: 1, body: `\n ${text} \t` },
      await as(BOUNDS),
    );
    expect(body.errors).toBeUndefined();
    expect(payload(body).errors).toEqual([]);
    expect(payload(body).review).toMatchObject({ rating: 1, body: text });
  });
});

describe('rejected input is a UserError and writes nothing', () => {
  const valid = () => ({ productId: String(products[3]), rating: 3, body: 'Fine.' });

  it.each([
    ['rating 0', 'rating', { rating: 0 }, 'INVALID_RATING'],
    ['rating 6', 'rating', { rating: 6 }, 'INVALID_RATING'],
    ['the lowest Int rating', 'rating', { rating: -2147483648 }, 'INVALID_RATING'],
    ['an empty body', 'body', { body: '' }, 'INVALID_BODY'],
    ['a blank body', 'body', { body: ' \n\t  ' }, 'INVALID_BODY'],
    ['a body of 4,001 characters', 'body', { body: 'x'.repeat(4_001) }, 'INVALID_BODY'],
    [
      '4,001 characters inside spaces',
      'body',
      { body: `  ${'y'.repeat(4_001)}  ` },
      'INVALID_BODY',
    ],
    ['a NUL in the body', 'body', { body: 'Good\u0000kettle' }, 'INVALID_BODY'],
    ['an id catalog does not know', 'productId', { productId: '2000000000' }, 'UNKNOWN_PRODUCT'],
    ['a malformed id', 'productId', { productId: 'abc' }, 'UNKNOWN_PRODUCT'],
    ['a negative id', 'productId', { productId: '-1' }, 'UNKNOWN_PRODUCT'],
    ['an id beyond int4', 'productId', { productId: '99999999999' }, 'UNKNOWN_PRODUCT'],
  ])('%s: an error on %s', async (_what, field, change, code) => {
    const before = await reviewCount();
    const { body } = await add({ ...valid(), ...change }, await as(REJECTED));
    expect(body.errors).toBeUndefined();
    expect(payload(body)).toEqual({
      review: null,
      errors: [{ code, field, message: expect.any(String) }],
    });
    expect(await reviewCount()).toBe(before);
  });

  it('reports an invalid rating and body together, and malformed ids with them', async () => {
    const before = await reviewCount();
    const headers = await as(REJECTED);
    const both = await add({ ...valid(), rating: 9, body: '   ' }, headers);
    expect(payload(both.body).errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_RATING', 'rating'],
      ['INVALID_BODY', 'body'],
    ]);
    const all = await add({ productId: 'x', rating: 0, body: '' }, headers);
    expect(payload(all.body).errors.map((e) => e.code)).toEqual([
      'UNKNOWN_PRODUCT',
      'INVALID_RATING',
      'INVALID_BODY',
    ]);
    // A well-formed id is checked with catalog only once the rest is valid.
    const unchecked = await add({ productId: '2000000000', rating: 7, body: 'Fine.' }, headers);
    expect(payload(unchecked.body).errors.map((e) => e.code)).toEqual(['INVALID_RATING']);
    expect(await reviewCount()).toBe(before);
  });

  it('when catalog cannot be reached: SERVICE_UNAVAILABLE, no internal detail, nothing saved', async () => {
    const before = await reviewCount();
    const headers = await as(REJECTED);
    await supergraph.stack.restartSubgraph('catalog', async () => {
      const { body } = await add(valid(), headers);
      expect(errorCodes(body)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(body.errors![0]!.message).toMatch(/catalog could not be reached; nothing was saved/);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|http:|ECONNREFUSED|PeerUnavailable/);
      expect(await reviewCount()).toBe(before);
    });
    // Once catalog is back, the same review goes in.
    const retried = await add(valid(), headers);
    expect(payload(retried.body).errors).toEqual([]);
    expect(await reviewCount()).toBe(before + 1);
  });
});

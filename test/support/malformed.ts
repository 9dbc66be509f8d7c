/** Malformed GraphQL requests a client may send: each is the client's mistake, answered 4xx. */
export const malformedRequests: [string, unknown][] = [
  [
    'an APQ hash that is not its query’s',
    {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    },
  ],
  ['no query at all', { variables: {} }],
  ['variables that are not an object', { query: '{ __typename }', variables: [1] }],
  ['an operation name the document lacks', { query: 'query A { __typename }', operationName: 'B' }],
  ['two operations and no name', { query: 'query A { __typename } query C { __typename }' }],
];

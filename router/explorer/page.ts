import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { assetNames, assetsPath } from './assets';

/** The first tab's query: README's first example (test/explorer.test.ts keeps them equal). */
export const exampleQuery = `query CheapAudio {
  products(first: 5, orderBy: PRICE_ASC, filter: { categoryId: "2", maxPrice: 20000 }) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      sku
      name
      price {
        amount
        currency
      }
      category {
        name
        parent {
          name
        }
      }
      inStock
      availableQuantity
      shippingEstimate {
        amount
        currency
      }
      rating {
        average
        count
      }
    }
  }
}
`;

const welcome = `# Run: ▶ or Ctrl-Enter. Schema docs: the top-left icon.
# Signed in? Headers: {"Authorization": "Bearer <token>"}
# (a token from logIn); partners: {"x-api-key": "<key>"}.
# More examples: README.md, "Example queries".

`;

/** What `renderYogaGraphiQL` is given: GraphiQL's props and the Yoga wrapper's own. */
const settings = {
  title: 'Mercato',
  query: welcome + exampleQuery,
  defaultQuery: welcome + exampleQuery,
  // Open on the headers editor: signing in is the first thing most sessions need.
  isHeadersEditorEnabled: true,
  defaultEditorToolsVisibility: 'headers',
  // A pasted token or API key stays in the tab, not in the browser's storage.
  shouldPersistHeaders: false,
  // Identity is a header the user sets, never a cookie the browser adds.
  credentials: 'omit',
};

/** A JSON value inside <script>: `<` escaped so no string in it can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The explorer's page. Its Content-Security-Policy is what keeps every request on the router:
 * scripts, styles, workers and fetches from this origin only, and the one inline script allowed
 * by its hash.
 */
function explorerPage(): string {
  const workers = Object.fromEntries(
    Object.entries(assetNames.workers).map(([label, name]) => [label, assetsPath + name]),
  );
  const start = `
const workers = ${scriptJson(workers)};
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
YogaGraphiQL.renderYogaGraphiQL(document.getElementById('explorer'), ${scriptJson(settings)});
`;
  const startHash = createHash('sha256').update(start).digest('base64');
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'sha256-${startHash}'`,
    // Monaco and GraphiQL add <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    // The stylesheet's fonts and a few icons are data: URLs.
    "font-src 'self' data:",
    "img-src 'self' data:",
    "worker-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Mercato explorer</title>
    <link rel="icon" href="${assetsPath + assetNames.icon}" />
    <link rel="stylesheet" href="${assetsPath + assetNames.stylesheet}" />
  </head>
  <body>
    <noscript>The explorer needs JavaScript.</noscript>
    <div id="explorer"></div>
    <script src="${assetsPath + assetNames.script}"></script>
    <script>${start}</script>
  </body>
</html>
`;
}

/**
 * Apollo's landing-page hook: Apollo answers a GET of /graphql that prefers HTML with this page,
 * as it did with Sandbox. The page is built once, at start.
 */
export function explorerLandingPage<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async serverWillStart() {
      const html = explorerPage();
      return { renderLandingPage: async () => ({ html }) };
    },
  };
}

import { createRequire } from 'node:module';

/**
 * The explorer's files come from `@graphql-yoga/render-graphiql`: GraphiQL (React, Monaco, the
 * docs and query-builder plugins) prebuilt into one script, its stylesheet (fonts inlined) and
 * Monaco's three web workers, each shipped as a string export. The router serves them itself, so
 * the explorer needs nothing beyond the router: no CDN, works offline.
 */
const packageName = '@graphql-yoga/render-graphiql';

const { version } = createRequire(import.meta.url)(`${packageName}/package.json`) as {
  version: string;
};

/**
 * Where the files are served. The package's version is in the path, so a browser may keep them
 * for good and an upgrade is a new URL.
 */
export const assetsPath = `/graphql/explorer/${version}/`;

interface Asset {
  contentType: string;
  body: Buffer;
}

const javascript = 'text/javascript; charset=utf-8';

/** What the page asks for, by file name under `assetsPath`. */
export const assetNames = {
  script: 'graphiql.js',
  stylesheet: 'graphiql.css',
  icon: 'favicon.ico',
  /** By Monaco's worker label (what `MonacoEnvironment.getWorkerUrl` is asked for). */
  workers: {
    editorWorkerService: 'editor.worker.js',
    json: 'json.worker.js',
    graphql: 'graphql.worker.js',
  },
} as const;

let loaded: Promise<Map<string, Asset>> | undefined;

/**
 * The files by name. Loaded on first use: they are 9 MB that a router nobody browses never
 * needs in memory.
 */
export function explorerAssets(): Promise<Map<string, Asset>> {
  return (loaded ??= import('@graphql-yoga/render-graphiql/graphiql').then((files) => {
    const text = (contentType: string, body: string): Asset => ({
      contentType,
      body: Buffer.from(body),
    });
    // The icon ships as a data: URL; served as a file, the page stays small.
    const icon = /^data:([^;,]+);base64,(.*)$/s.exec(files.favicon);
    if (!icon) throw new Error(`${packageName}: its favicon is no longer a base64 data: URL`);
    const { script, stylesheet, workers } = assetNames;
    return new Map([
      [script, text(javascript, files.js)],
      [stylesheet, text('text/css; charset=utf-8', files.css)],
      [assetNames.icon, { contentType: icon[1]!, body: Buffer.from(icon[2]!, 'base64') }],
      [workers.editorWorkerService, text(javascript, files.editorWorkerService)],
      [workers.json, text(javascript, files.jsonWorker)],
      [workers.graphql, text(javascript, files.graphqlWorker)],
    ]);
  }));
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleQuery } from '../router/explorer/page';
import type { RunningRouter } from '../router/serve';
import { startRouter } from './abuse/support';
import { readmeExamples } from './support/readme';
import { useSupergraph } from './support/supergraph';

/**
 * The explorer a browser gets at /graphql in development: a page whose every file the router
 * serves itself (test/browser/explorer.test.ts runs it in Chromium). Production serves none.
 */
const supergraph = useSupergraph();
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

async function explorerPage(): Promise<{ url: string; text: string }> {
  const response = await fetch(supergraph.stack.routerUrl, { headers: html });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  return { url: response.url, text: await response.text() };
}

/** The URLs the page loads: scripts, stylesheet, icon and Monaco's workers. */
function assetUrls(page: { url: string; text: string }): Map<string, string> {
  const byKind = new Map<string, string>();
  const attributes = [...page.text.matchAll(/<(script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)];
  for (const [, element, url] of attributes) byKind.set(url!, element!);
  const workers = /const workers = (\{[^}]*\});/.exec(page.text);
  expect(workers, 'the page maps Monaco worker labels to URLs').not.toBeNull();
  for (const url of Object.values(JSON.parse(workers![1]!) as Record<string, string>))
    byKind.set(url, 'worker');
  return new Map([...byKind].map(([url, kind]) => [new URL(url, page.url).href, kind]));
}

const contentTypes: Record<string, RegExp> = {
  script: /^text\/javascript; charset=utf-8$/,
  worker: /^text\/javascript; charset=utf-8$/,
  link: /^(text\/css; charset=utf-8|image\/x-icon)$/,
};

describe('in development', () => {
  it('answers a browser at /graphql with the explorer page', async () => {
    const page = await explorerPage();
    expect(page.text).toContain('YogaGraphiQL.renderYogaGraphiQL(');
    // Nothing on the page points anywhere but the router.
    expect(page.text).not.toMatch(/https?:\/\//);
    expect(page.text).toMatch(/Content-Security-Policy" content="default-src 'self';/);
    expect(page.text).toContain("connect-src 'self'");
  });

  it("serves every file the page loads, from the router's own origin", async () => {
    const page = await explorerPage();
    const assets = assetUrls(page);
    expect([...assets.values()].sort()).toEqual(
      ['link', 'link', 'script', 'worker', 'worker', 'worker'].sort(),
    );
    for (const [url, kind] of assets) {
      expect(new URL(url).origin, url).toBe(new URL(supergraph.stack.routerUrl).origin);
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toMatch(contentTypes[kind]!);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Number(response.headers.get('content-length'))).toBeGreaterThan(1_000);
      expect((await response.arrayBuffer()).byteLength).toBe(
        Number(response.headers.get('content-length')),
      );
    }
  });

  it('answers HEAD without a body, and 404 to a name or version it does not have', async () => {
    const [script] = [...assetUrls(await explorerPage())].find(([, kind]) => kind === 'script')!;
    const head = await fetch(script, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const url of [
      script.replace(/graphiql\.js$/, 'package.json'),
      script.replace(/\/explorer\/[^/]+\//, '/explorer/0.0.0/'),
    ]) {
      expect((await fetch(url)).status, url).toBe(404);
    }
  });

  it("opens on README's first example", () => {
    expect([...readmeExamples().values()][0]).toBe(exampleQuery);
  });
});

describe('in production', () => {
  let production: RunningRouter;
  beforeAll(async () => {
    production = await startRouter(supergraph.stack, { NODE_ENV: 'production' });
  });
  afterAll(() => production?.stop());

  it('serves no explorer page and none of its files', async () => {
    const response = await fetch(production.url, { headers: html });
    expect(response.headers.get('content-type')).not.toMatch(/html/);
    expect(await response.text()).not.toContain('<html');
    const developmentPage = await explorerPage();
    for (const url of assetUrls(developmentPage).keys()) {
      const onProduction = new URL(new URL(url).pathname, production.url).href;
      expect((await fetch(onProduction)).status, onProduction).toBe(404);
    }
  });
});

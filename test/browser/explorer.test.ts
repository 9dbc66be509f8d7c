import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { root } from '../../lib/paths';
import { dataOf } from '../support/graphql';
import { readmeExamples } from '../support/readme';
import { useSupergraph } from '../support/supergraph';
import { launchChromium, localOnly } from './chromium';

/**
 * The explorer as a person uses it, in Chromium with no network beyond this machine: it opens at
 * /graphql, shows the schema's docs, and runs a README example typed into its editor.
 */
const supergraph = useSupergraph();
const screenshot = path.join(root, 'test-results', 'explorer.png');
const search = readmeExamples().get('Search')!;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it('opens at /graphql, shows the docs and runs a README query, all from the router', async () => {
  const expected = await dataOf<{ products: { totalCount: number; nodes: { name: string }[] } }>(
    supergraph.stack.routerUrl,
    search,
  );
  const { context, network } = await localOnly(browser);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // A Content-Security-Policy violation is reported here too.
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  const operations: { status: number; contentType: string | null }[] = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() === 'POST' && request.url() === supergraph.stack.routerUrl)
      operations.push({
        status: response.status(),
        contentType: request.headers()['content-type'] ?? null,
      });
  });

  await page.goto(supergraph.stack.routerUrl);
  const queryEditor = page.locator('.graphiql-query-editor .monaco-editor');
  await queryEditor.waitFor({ state: 'visible' });
  await expect.poll(() => page.title()).toBe('Mercato explorer');
  // Open on the headers editor, where a token or an API key goes.
  await page.getByLabel('Headers').waitFor({ state: 'visible' });

  // The docs come from introspection: the Query type lists the README's root fields.
  await page.getByLabel('Show Documentation Explorer').click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.getByText('Query', { exact: true }).first().click();
  await expect.poll(() => docs.innerText()).toMatch(/products\(/);

  // Pasted as a person would: copied to the clipboard, everything in the editor selected, Ctrl-V.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // A string, not a function: it runs in the page, and this project has no DOM types.
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(search)})`);
  await queryEditor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  // As a person would, wait for the explorer to take it in (the tab is named after the
  // operation) before running it; sooner, it would still run the one it opened with.
  await expect.poll(() => page.locator('.graphiql-tab').first().innerText()).toContain('Search');
  await page.getByLabel('Execute query (Ctrl-Enter)').click();

  const result = page.locator('.graphiql-response');
  const resultText = async () => (await result.innerText()).replace(/\u00a0/g, ' ');
  await expect
    .poll(resultText, { timeout: 15_000 })
    .toContain(`"totalCount": ${expected.products.totalCount}`);
  expect(await resultText()).toContain(`"name": "${expected.products.nodes[0]!.name}"`);

  mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });
  console.log(`explorer screenshot: ${screenshot}`);

  // The explorer's requests pass CSRF prevention: JSON POSTs, not "simple" requests.
  expect(operations.length).toBeGreaterThanOrEqual(2);
  expect(operations).toEqual(
    operations.map(() => ({ status: 200, contentType: 'application/json' })),
  );
  expect(network.offMachine).toEqual([]);
  expect(network.requests.length).toBeGreaterThan(0);
  expect(problems).toEqual([]);
  await context.close();
});

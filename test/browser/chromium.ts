import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium: Playwright's own browser builds cannot be downloaded on our machines. */
const executablePath = '/usr/bin/chromium';

/** Headless Chromium that reaches for nothing on its own (updates, sync, field trials). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(executablePath))
    throw new Error(`${executablePath} is missing: apt-get update && apt-get install -y chromium`);
  return await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What the pages of a `localOnly` context asked the network for, as `METHOD url`. */
export interface NetworkLog {
  /** Every request, local or not. */
  requests: string[];
  /** Requests to any host but this machine (each was aborted before it left). */
  offMachine: string[];
}

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Whether fetching `url` leaves this machine (data: and blob: URLs fetch nothing). */
function leavesMachine(href: string): boolean {
  const url = new URL(href);
  return !['data:', 'blob:'].includes(url.protocol) && !localHosts.has(url.hostname);
}

/**
 * A browser context whose requests may reach this machine only: every other one is aborted and
 * logged, so a test can assert that none was even attempted.
 */
export async function localOnly(browser: Browser): Promise<{
  context: BrowserContext;
  network: NetworkLog;
}> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const network: NetworkLog = { requests: [], offMachine: [] };
  context.on('request', (request) => {
    const line = `${request.method()} ${request.url()}`;
    network.requests.push(line);
    if (leavesMachine(request.url())) network.offMachine.push(line);
  });
  await context.route(
    (url) => leavesMachine(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  return { context, network };
}

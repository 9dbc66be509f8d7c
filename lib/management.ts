/**
 * The management server (DESIGN.md §7): on its own port, beside the public one, for the platform
 * rather than for clients — probes and the metrics scraper. The public port never serves these
 * routes (but /health, which the launcher and older probes use).
 *
 *   /health   200 while the process runs (liveness)
 *   /ready    200 while it can serve; 503 with the reason otherwise (readiness)
 *   /metrics  the process's and the server's registries in Prometheus text
 */
import { createServer, type Server } from 'node:http';
import { Registry } from 'prom-client';
import { sendJson } from './http';

export interface ManagementOptions {
  /** Why the process cannot serve now ('draining', 'database unavailable', …), or null. */
  unready: () => Promise<string | null>;
  /**
   * Served together: the process's (Node metrics) and the server's own (application metrics).
   * Their families have distinct names, so the texts simply follow one another.
   */
  registries: Pick<Registry, 'metrics'>[];
}

export function createManagementServer(options: ManagementOptions): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    void (async () => {
      if (path === '/health') return sendJson(res, 200, { status: 'ok' });
      if (path === '/ready') {
        const reason = await options.unready();
        return sendJson(res, reason ? 503 : 200, { status: reason ?? 'ok' });
      }
      if (path === '/metrics') {
        const texts = await Promise.all(options.registries.map((registry) => registry.metrics()));
        res
          .writeHead(200, { 'content-type': Registry.PROMETHEUS_CONTENT_TYPE })
          .end(texts.join('\n'));
        return;
      }
      sendJson(res, 404, { error: 'not found' });
    })().catch((error: unknown) => {
      console.error('management request failed', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
}

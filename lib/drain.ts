import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** A node:http server's graceful stop. */
export interface Drain {
  /** True from the moment drain() is called. */
  readonly draining: boolean;
  /**
   * Stops accepting connections, lets every request in flight finish and closes each connection
   * once it has nothing left to answer. Past `timeoutMs` the connections still open are
   * destroyed. Resolves with the number of requests cut off that way (0: every one finished).
   * Calling it again returns the same drain.
   */
  drain(timeoutMs: number): Promise<number>;
}

/**
 * Makes `server` drainable; call it before the server listens, so every request is seen.
 *
 * Node 20's server.close() alone is not a drain: it stops accepting and closes the connections
 * idle at that moment, but a keep-alive connection with a request in flight stays open after its
 * response (which still says `keep-alive`), may carry the client's next request (which is
 * served), and holds close() up until keepAliveTimeout. So while draining every response says
 * `connection: close` (Node then ends its connection once it is sent), and a connection that
 * turns idle anyway (its response had gone out before the drain began) is closed at once.
 */
export function drainable(server: Server): Drain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let drained: Promise<number> | undefined;
  // Before the server's own handler, which may answer at once (/health) and send the headers.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) server.closeIdleConnections();
    });
  });
  return {
    get draining() {
      return draining;
    },
    drain: (timeoutMs) =>
      (drained ??= new Promise<number>((resolve) => {
        draining = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
        const deadline = setTimeout(() => {
          const cut = inFlight.size;
          server.closeAllConnections();
          resolve(cut);
        }, timeoutMs);
        // close() also closes the connections idle now; 'close' follows the last connection.
        server.close(() => {
          clearTimeout(deadline);
          resolve(0);
        });
      })),
  };
}

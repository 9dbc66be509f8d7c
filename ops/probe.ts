import { request } from 'node:http';

/**
 * The status of `GET http://127.0.0.1:<port><path>`, or null when nothing answers within
 * `timeoutMs`. node:http rather than fetch: fetch refuses the ports the Fetch standard calls
 * "bad" (6000, 6665–6669, 10080, …), on which the launcher once waited out its whole deadline and
 * called a router unhealthy while it was answering.
 */
export function httpStatus(port: number, path: string, timeoutMs = 1_000): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? null);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

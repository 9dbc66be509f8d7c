import { Pool, errors } from 'undici';
import { DATA_ONLY_HEADER } from '../lib/direct-queries';

/** A subgraph's raw answer: parsed by each caller, so no two requests share one object. */
export interface SubgraphReply {
  status: number;
  contentType: string;
  /** The subgraph's cache-control header ('' when none). */
  cacheControl: string;
  /** Whether the subgraph says the body is exactly `{"data":…}` (lib/direct-queries.ts). */
  dataOnly: boolean;
  body: Buffer;
}

/** The subgraph did not begin to answer, or stalled mid-answer, within the deadline. */
export class SubgraphTimeout extends Error {}

/**
 * POSTs to one subgraph over a pool of keep-alive connections (undici), which costs the router a
 * fraction of Node's `fetch` (web streams, a Request and a Response object and an abort signal
 * per call). The deadline is undici's own: the answer must begin within `timeoutMs`, and its
 * body may not stall for longer.
 */
export class SubgraphClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    url: string,
    private readonly timeoutMs: number,
  ) {
    const parsed = new URL(url);
    this.path = `${parsed.pathname}${parsed.search}`;
    this.pool = new Pool(parsed.origin, { keepAliveTimeout: 30_000 });
  }

  async post(body: string, headers: Record<string, string>): Promise<SubgraphReply> {
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: this.path,
        headers,
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      const contentType = response.headers['content-type'];
      const cacheControl = response.headers['cache-control'];
      return {
        status: response.statusCode,
        contentType: typeof contentType === 'string' ? contentType : '',
        cacheControl: typeof cacheControl === 'string' ? cacheControl : '',
        dataOnly: response.headers[DATA_ONLY_HEADER] === '1',
        body: Buffer.from(await response.body.arrayBuffer()),
      };
    } catch (error) {
      if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError)
        throw new SubgraphTimeout(error.message, { cause: error });
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * Identical subgraph queries in flight at once, sent once: the second caller waits for the
 * first one's reply. The key must hold everything that makes the answer what it is — the
 * subgraph, the request body and who is asking (lib/identity.ts's viewer) — so two callers
 * never share an answer unless each of them would have been given exactly that answer.
 * Mutations are never merged: each must run.
 */
export class InFlightQueries {
  private readonly inFlight = new Map<string, Promise<SubgraphReply>>();

  constructor(private readonly onMerged: () => void) {}

  run(key: string, send: () => Promise<SubgraphReply>): Promise<SubgraphReply> {
    const pending = this.inFlight.get(key);
    if (pending) {
      this.onMerged();
      return pending;
    }
    const sent = send().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, sent);
    return sent;
  }
}

/**
 * Whether a subgraph operation the planner built may be merged: queries only. The planner writes
 * `query …` or, for an anonymous query, `{ … }`; anything else (mutation, subscription) is sent
 * as it is, every time.
 */
export function isQueryDocument(query: string): boolean {
  return /^\s*(\{|query\b)/.test(query);
}

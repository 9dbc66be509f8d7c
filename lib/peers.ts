/**
 * Calls from one subgraph to another (DESIGN.md §5: a write that spans domains calls the other
 * subgraph): its GraphQL endpoint for reads, its internal routes for writes. Every call carries
 * the caller's identity signed with the internal secret, exactly as the router signs it, so the
 * peer authenticates it the same way; and every call has a deadline.
 */
import { GraphQLError } from 'graphql';
import type { z } from 'zod';
import type { SubgraphName } from './env';
import { signIdentity, type Viewer } from './identity';
import type { Logger } from './log';
import { forwardedHeaders } from './request-scope';
import { inClientSpan } from './tracing/spans';

/** The peer could not be reached, timed out, or answered something it should not have. */
export class PeerUnavailable extends Error {
  constructor(
    readonly peer: SubgraphName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${peer}: ${message}`, options);
    this.name = 'PeerUnavailable';
  }
}

export interface PeerResponse {
  status: number;
  body: unknown;
}

export interface Peers {
  /**
   * POSTs `body` as JSON to `path` of the peer's origin (an internal route) and returns the
   * status and parsed body, whatever the status; throws PeerUnavailable only when there is no
   * usable answer (unreachable, deadline passed, a body that is not JSON).
   */
  post(peer: SubgraphName, path: string, body: unknown, viewer: Viewer): Promise<PeerResponse>;
  /**
   * Runs a query on the peer's GraphQL endpoint and returns its `data`, checked with `schema`
   * (the contract's reply); throws PeerUnavailable when the peer does not answer 200 with data
   * of that shape and no errors.
   */
  query<S extends z.ZodType>(
    peer: SubgraphName,
    query: string,
    variables: Record<string, unknown>,
    viewer: Viewer,
    schema: S,
  ): Promise<z.infer<S>>;
}

export interface PeerOptions {
  /** GraphQL URLs of the peers this subgraph calls (e.g. http://catalog:4002/graphql). */
  urls: Partial<Record<SubgraphName, string>>;
  internalSecret: string;
  /** Deadline of one call. */
  timeoutMs: number;
}

export function createPeers(options: PeerOptions): Peers {
  function urlOf(peer: SubgraphName): string {
    const url = options.urls[peer];
    // A wiring mistake of the deployment, not a runtime condition: say which setting is missing.
    if (!url) throw new PeerUnavailable(peer, `no URL configured (set ${peer.toUpperCase()}_URL)`);
    return url;
  }

  /** One call, in a client span of the caller's trace (when tracing is on). */
  const send = (peer: SubgraphName, url: string, body: unknown, viewer: Viewer) =>
    inClientSpan(peer, url, () => sendUntraced(peer, url, body, viewer));

  async function sendUntraced(
    peer: SubgraphName,
    url: string,
    body: unknown,
    viewer: Viewer,
  ): Promise<PeerResponse> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signIdentity(options.internalSecret, viewer),
          ...forwardedHeaders(),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new PeerUnavailable(
        peer,
        timedOut ? `no answer within ${options.timeoutMs} ms` : 'unreachable',
        { cause: error },
      );
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch (error) {
      throw new PeerUnavailable(peer, `answered ${response.status} without JSON`, {
        cause: error,
      });
    }
    return { status: response.status, body: parsed };
  }

  return {
    post: async (peer, path, body, viewer) =>
      await send(peer, new URL(path, new URL(urlOf(peer)).origin).toString(), body, viewer),

    query: async (peer, query, variables, viewer, schema) => {
      const { status, body } = await send(peer, urlOf(peer), { query, variables }, viewer);
      const result = (typeof body === 'object' && body !== null ? body : {}) as {
        data?: unknown;
        errors?: unknown[];
      };
      if (status !== 200 || result.errors?.length || result.data == null) {
        throw new PeerUnavailable(peer, `query failed with status ${status}`, {
          cause: result.errors,
        });
      }
      const data = schema.safeParse(result.data);
      if (!data.success) {
        throw new PeerUnavailable(peer, 'answered data its contract does not allow', {
          cause: data.error,
        });
      }
      return data.data;
    },
  };
}

/**
 * `work` (a call to a peer that a write needs), or — when the peer is unavailable — a logged
 * warning and the GraphQL error SERVICE_UNAVAILABLE with `message`: nothing was changed and a
 * retry may work. The message is the client's; the cause stays in the log.
 */
export async function unlessPeerUnavailable<T>(
  work: Promise<T>,
  logger: Logger,
  message: string,
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof PeerUnavailable)) throw error;
    logger.warn({ err: error }, message);
    throw new GraphQLError(message, {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
      originalError: error,
    });
  }
}

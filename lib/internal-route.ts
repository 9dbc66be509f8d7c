/**
 * An internal HTTP route beside /graphql: JSON in, JSON out, for other Mercato services only
 * (never part of the public API). Every route answers the same way to the same mistakes:
 *
 *   401 not signed with the internal secret (nothing else is read or answered first)
 *   405 not POST · 413 body over the route's limit · 400 body not JSON or not the route's shape
 */
import type { z } from 'zod';
import { BodyTooLargeError, readBody, sendJson, type RouteHandler } from './http';
import { verifyIdentity, type Viewer } from './identity';

export interface InternalReply {
  status: number;
  body: object;
}

export interface InternalRoute<T extends z.ZodType> {
  path: string;
  /** The body's shape; anything else is a 400 naming the problem. */
  input: T;
  maxBodyBytes: number;
  handle: (input: z.infer<T>, viewer: Viewer) => Promise<InternalReply>;
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** The handler serving `route` at its path (and passing every other path on). */
export function internalRoute<T extends z.ZodType>(
  internalSecret: string,
  route: InternalRoute<T>,
): RouteHandler {
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== route.path) return false;
    const viewer = verifyIdentity(internalSecret, req.headers);
    if (!viewer) {
      sendJson(res, 401, { error: 'internal routes answer only requests signed by the router' });
      return true;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { error: 'use POST' });
      return true;
    }
    let body: Buffer;
    try {
      body = await readBody(req, route.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(res, 413, { error: `body exceeds ${route.maxBodyBytes} bytes` });
      return true;
    }
    const json = parseJson(body);
    const input = json.ok ? route.input.safeParse(json.value) : null;
    if (!input?.success) {
      const problem = input?.error.issues[0];
      sendJson(res, 400, {
        error: problem
          ? `${problem.path.join('.') || 'body'}: ${problem.message}`
          : 'body is not JSON',
      });
      return true;
    }
    const reply = await route.handle(input.data, viewer);
    sendJson(res, reply.status, reply.body);
    return true;
  };
}

/** Several handlers as one: the first that claims a request answers it. */
export function routes(...handlers: RouteHandler[]): RouteHandler {
  return async (req, res) => {
    for (const handler of handlers) if (await handler(req, res)) return true;
    return false;
  };
}

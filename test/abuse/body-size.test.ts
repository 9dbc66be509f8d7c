import { request } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { codes, send, useAbuseStack, type RawResponse } from './support';

/**
 * Oversized bodies: MAX_BODY_BYTES (2,000,000, Apollo Router's http_max_request_bytes) is
 * enforced by lib/http.ts before any parsing: 413 PAYLOAD_TOO_LARGE.
 */
const abuse = useAbuseStack();
beforeEach(() => abuse.reset());

const query = '{ products(first: 1) { nodes { id } } }';
/** A JSON body of exactly `bytes` bytes: the query plus an unused, padded variable. */
function bodyOf(bytes: number): string {
  const shell = JSON.stringify({ query, variables: { pad: '' } });
  return JSON.stringify({ query, variables: { pad: 'x'.repeat(bytes - shell.length) } });
}

/** Streams `body` in chunks with no Content-Length, as a client that lies by omission would. */
function sendChunked(url: string, body: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: new Headers(), body: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
    req.end();
  });
}

describe('oversized bodies', () => {
  it('refuses 2,000,001 bytes announced by Content-Length', async () => {
    const { status, body } = await send(abuse.stack.routerUrl, bodyOf(2_000_001));
    expect(status).toBe(413);
    expect(codes(body)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(body.errors![0]!.message).toBe('Request body exceeds 2000000 bytes');
    abuse.expectNothingRan();
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const { status, body } = await sendChunked(abuse.stack.routerUrl, bodyOf(3_000_000));
    expect(status).toBe(413);
    expect(codes(body)).toEqual(['PAYLOAD_TOO_LARGE']);
    abuse.expectNothingRan();
  });

  it('answers exactly 2,000,000 bytes', async () => {
    const { status, body } = await send(abuse.stack.routerUrl, bodyOf(2_000_000));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});

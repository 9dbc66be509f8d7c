/** A client's view of HTTP and TCP, connections included: for the drain and start tests. */
import { request, type Agent } from 'node:http';
import { createConnection } from 'node:net';

export interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}
export type Outcome = { ok: true; answer: Answer } | { ok: false; error: string };

/**
 * A POST of JSON over a keep-alive agent, as a client library sends it; never rejects. `written`
 * settles once the request is on a connected socket.
 */
export function post(
  agent: Agent,
  url: string,
  body: object,
  headers: Record<string, string> = {},
) {
  let sent!: () => void;
  const written = new Promise<void>((resolve) => (sent = resolve));
  const outcome = new Promise<Outcome>((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            ok: true,
            answer: { status: res.statusCode!, connection: res.headers.connection, body: text },
          }),
        );
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ ok: false, error: error.code ?? error.message }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, error: error.code ?? error.message }),
    );
    // 'finish' alone may come while the socket still connects, the request buffered in it.
    const connected = new Promise<void>((resolve) =>
      req.once('socket', (socket) =>
        socket.connecting ? socket.once('connect', () => resolve()) : resolve(),
      ),
    );
    req.once('finish', () => void connected.then(sent));
    req.end(JSON.stringify(body));
  });
  return { written, outcome };
}

/** Whether anything accepts a TCP connection on `port` of this machine now. */
export const acceptsConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

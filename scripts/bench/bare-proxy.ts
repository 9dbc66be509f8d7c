/**
 * The floor under any Node router, for `npm run bench:gateway`'s contender "proxy": node:http in,
 * one undici request to one subgraph (TARGET_URL) and its bytes back — nothing else. No parsing,
 * limits, identity of its own (every request goes as anonymous, signed once a second as the
 * router signs), metrics or logs. It answers only what that one subgraph can answer (the
 * one-subgraph query), and it is not a router: its CPU per request is what node:http and undici
 * alone cost a router that forwards a request.
 */
import { createServer } from 'node:http';
import { Pool } from 'undici';
import { anonymous, signIdentity } from '../../lib/identity';

const target = new URL(process.env.TARGET_URL!);
const secret = process.env.INTERNAL_SECRET!;
const pool = new Pool(target.origin, { keepAliveTimeout: 30_000 });
let signed = signIdentity(secret, anonymous);
setInterval(() => (signed = signIdentity(secret, anonymous)), 1_000).unref();

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    pool
      .request({
        method: 'POST',
        path: target.pathname,
        headers: { 'content-type': 'application/json', ...signed },
        body: Buffer.concat(chunks),
      })
      .then(async (answer) => {
        const body = Buffer.from(await answer.body.arrayBuffer());
        res.writeHead(answer.statusCode, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(502);
        res.end();
      });
  });
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');

// An exit of its own on the bench's SIGTERM, so `node --cpu-prof` writes the proxy's profile.
process.on('SIGTERM', () => process.exit(0));

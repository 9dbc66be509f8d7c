import { isIP, type BlockList } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) as `10.0.0.1`. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's IP address: the socket's peer, unless that peer is a trusted proxy; then
 * X-Forwarded-For is read from the right (each proxy appends the address it was called from),
 * past every trusted proxy, to the first address that is not one. A client may write anything
 * in the header, but only to the left of what trusted proxies appended, which is never reached.
 */
export function clientIp(req: IncomingMessage, trustedProxies: BlockList): string {
  let address = plain(req.socket.remoteAddress ?? '');
  if (!trusted(trustedProxies, address)) return address;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '')
    .reverse();
  for (const hop of hops) {
    // A malformed entry cannot have come from a trusted proxy: stop at the last good address.
    if (isIP(hop) === 0) return address;
    address = plain(hop);
    if (!trusted(trustedProxies, address)) return address;
  }
  return address;
}

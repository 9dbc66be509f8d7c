import type { Caller } from './identity';

/**
 * Per request: who is calling, as established by router/identity.ts, and from where (the client
 * IP of router/rate-limits/client-ip.ts, which the per-IP limits count by). Its own module
 * because the server that builds the context, the data sources and the limits all read it.
 */
export type RouterContext = Caller & { clientIp: string };

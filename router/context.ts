import type { Caller } from './identity';

/**
 * Per request: who is calling, as established by router/identity.ts. Its own module because both
 * the server that builds the context and the data sources that read it need the type.
 */
export type RouterContext = Caller;

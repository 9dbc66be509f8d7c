/**
 * The Hive Gateway plugin that makes it a Mercato router as far as subgraphs can tell: it
 * establishes the caller exactly as router/identity.ts does (the same function: Bearer JWT
 * verified with the same secret, issuer and audience) and signs that viewer onto every subgraph
 * request with lib/identity.ts, beside the request's x-request-id. Subgraphs answer nothing
 * unsigned, so Hive Gateway without this plugin gets 401 from every one of them.
 */
import { GraphQLError } from 'graphql';
import { signIdentity } from '../lib/identity';
import { REQUEST_ID_HEADER, requestIdFrom } from '../lib/request-scope';
import { createTokens, type TokenSettings } from '../lib/tokens';
import { API_KEY_HEADER, identify } from '../router/identity';
import type { PartnerVerifier } from '../router/partners';

export interface MercatoIdentityOptions {
  internalSecret: string;
  tokens: TokenSettings;
}

/**
 * The two hooks of Hive Gateway's plugin API this plugin uses, written out here: importing the
 * gateway's own types would bring its global augmentations (fetch, GraphQL error extensions)
 * into the whole project's type check. test/hive/gateway.test.ts proves the hooks are called.
 */
interface ContextBuilding {
  context: { request: Request };
  extendContext(extension: { mercatoSubgraphHeaders: Record<string, string> }): void;
}
interface FetchHook {
  context: { mercatoSubgraphHeaders?: Record<string, string> };
  options: { headers?: unknown };
  setOptions(options: object): void;
}
export interface MercatoIdentityPlugin {
  onContextBuilding(payload: ContextBuilding): Promise<void>;
  onFetch(payload: FetchHook): void;
}

/**
 * Partner API keys are for the Mercato router only: it holds each partner to its persisted
 * operation list (router/persisted), which this configuration does not reproduce. Refusing the
 * key is the safe side: a partner must not get freeform access by calling Hive instead.
 */
const noPartners: PartnerVerifier = {
  verify: () => {
    throw new GraphQLError('API keys are accepted by the Mercato router only', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  },
};

export function useMercatoIdentity(options: MercatoIdentityOptions): MercatoIdentityPlugin {
  const tokens = createTokens(options.tokens);
  return {
    async onContextBuilding({ context, extendContext }) {
      const headers = Object.fromEntries(context.request.headers);
      if (headers[API_KEY_HEADER] !== undefined) await noPartners.verify('');
      const caller = await identify({ headers }, tokens, noPartners);
      // Signed once per request, not per fetch: the signature is valid for a minute
      // (lib/identity.ts), far beyond any subgraph deadline.
      extendContext({
        mercatoSubgraphHeaders: {
          ...signIdentity(options.internalSecret, caller.viewer),
          [REQUEST_ID_HEADER]: requestIdFrom(headers[REQUEST_ID_HEADER]),
        },
      });
    },
    onFetch({ context, options: init, setOptions }) {
      // Absent when Hive fetches for itself (no client request): nothing to sign.
      const signed = context.mercatoSubgraphHeaders;
      if (!signed) return;
      setOptions({ ...init, headers: { ...(init.headers as Record<string, string>), ...signed } });
    },
  };
}

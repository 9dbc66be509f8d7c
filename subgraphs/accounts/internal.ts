/**
 * Accounts' internal HTTP API, for other Mercato services (never part of the public API): the
 * partner-key check of contracts/partners.ts, and the refusals every internal route shares
 * (lib/internal-route.ts); bodies over 1 KB are 413.
 *
 * The router calls it for requests carrying an `x-api-key` header (router/partners.ts).
 */
import {
  isPartnerKey,
  PARTNER_VERIFY_PATH,
  partnerVerifyInput,
  type PartnerVerifyReply,
} from '../../contracts/partners';
import { internalRoute } from '../../lib/internal-route';
import type { RouteHandler } from '../../lib/http';
import { activePartnerByKeyHash } from './db/partners';
import type { AccountsDb } from './db/users';
import { hashPartnerKey } from './partner-keys';

/** The internal routes accounts serves beside /graphql (SubgraphDefinition.internalRoutes). */
export function accountsInternalRoutes(deps: {
  db: AccountsDb;
  internalSecret: string;
}): RouteHandler {
  return internalRoute(deps.internalSecret, {
    path: PARTNER_VERIFY_PATH,
    input: partnerVerifyInput,
    // A key is 51 characters; 1 KB leaves room for JSON and nothing else.
    maxBodyBytes: 1024,
    handle: async ({ key }) => {
      const partner = isPartnerKey(key)
        ? await activePartnerByKeyHash(deps.db, hashPartnerKey(key))
        : null;
      if (!partner) return { status: 404, body: {} };
      const reply: PartnerVerifyReply = {
        partnerId: partner.id,
        name: partner.name,
        operations: partner.operations,
      };
      return { status: 200, body: reply };
    },
  });
}

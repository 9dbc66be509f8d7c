/** Inventory's internal stock API (contracts/stock.ts): reserve and release stock for an order. */
import type { Registry } from 'prom-client';
import { RELEASE_PATH, releaseInput, RESERVE_PATH, reserveInput } from '../../contracts/stock';
import { internalRoute, routes } from '../../lib/internal-route';
import type { RouteHandler } from '../../lib/http';
import { release, reserve } from './db/holds';
import type { InventoryDb } from './db/stock';
import { stockMetrics } from './metrics';

/** 100 lines of JSON numbers fit in 8 KB with room to spare. */
const MAX_BODY_BYTES = 8 * 1024;

export function inventoryInternalRoutes(deps: {
  db: InventoryDb;
  internalSecret: string;
  metrics: Registry;
}): RouteHandler {
  const instruments = stockMetrics(deps.metrics);
  return routes(
    internalRoute(deps.internalSecret, {
      path: RESERVE_PATH,
      input: reserveInput,
      maxBodyBytes: MAX_BODY_BYTES,
      handle: async ({ orderId, lines }) => {
        const result = await reserve(deps.db, orderId, lines);
        instruments.reservations.inc({ result: result.outcome.toLowerCase() });
        return { status: result.outcome === 'INSUFFICIENT' ? 409 : 200, body: result };
      },
    }),
    internalRoute(deps.internalSecret, {
      path: RELEASE_PATH,
      input: releaseInput,
      maxBodyBytes: MAX_BODY_BYTES,
      handle: async ({ orderId }) => {
        const released = await release(deps.db, orderId);
        instruments.releases.inc({ result: released ? 'released' : 'none' });
        return { status: 200, body: { released } };
      },
    }),
  );
}

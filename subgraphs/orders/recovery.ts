/**
 * Recovery: finishes what a placeOrder or cancelOrder left unfinished because the orders process
 * died or inventory could not be reached. Runs when the orders process starts and then every
 * RECOVERY_INTERVAL_MS.
 *
 * Two kinds of unfinished work are durable in the orders table, each written in the same
 * statement as the decision it follows from:
 *   - a PENDING order untouched for RECOVERY_STALE_MS: its placement was cut off somewhere
 *     between recording and confirming. Recovery rolls it forward with the same idempotent
 *     reserve placeOrder uses — CONFIRMED if the stock is (or can now be) held, REJECTED if
 *     not. If inventory stays unreachable for PENDING_GIVE_UP_MS the order is rejected
 *     (STOCK_UNAVAILABLE), so no order waits forever.
 *   - `release_due` on a REJECTED or CANCELLED order (a transactional outbox): the release
 *     is retried until inventory acknowledges it. Release is idempotent and leaves a marker
 *     that refuses a reserve arriving after it, so nothing stays held for such an order.
 *
 * Rolling forward rather than expiring holds: a buyer whose call was cut off still gets the
 * order they were told is recorded, and inventory needs no clock of its own. Every step is
 * idempotent and every status change conditional, so passes of several replicas (or a pass
 * racing a live placeOrder) only repeat work, never double it.
 */
import { z } from 'zod';
import { groupByKey } from '../../lib/batch';
import { positiveInt, type SettingsOf } from '../../lib/env';
import type { BackgroundDeps, BackgroundTask } from '../../lib/subgraph';
import { ordersWithReleaseDue, stalePendingOrders } from './db/order-writes';
import { linesOfOrders } from './db/orders';
import type { tables } from './db/schema';
import { orderMetrics } from './metrics';
import { giveBack, settle, type PlacementDeps } from './placement';

export interface RecoverySettings {
  /** A PENDING order untouched this long is taken over (longer than any live placeOrder). */
  staleAfterMs: number;
  /** A PENDING order this old whose stock still cannot be held is rejected. */
  giveUpAfterMs: number;
  /** Orders of each kind handled per pass. */
  batchSize: number;
}

export interface RecoveryReport {
  confirmed: number;
  rejected: number;
  stillPending: number;
  released: number;
  releaseDeferred: number;
}

export async function recoverOrders(
  deps: PlacementDeps,
  settings: RecoverySettings,
): Promise<RecoveryReport> {
  const instruments = orderMetrics(deps.metrics);
  let report: RecoveryReport;
  try {
    report = await recoveryPass(deps, settings);
  } catch (error) {
    instruments.recoveryPasses.inc({ result: 'failed' });
    throw error;
  }
  instruments.recoveryPasses.inc({ result: 'ok' });
  const results = {
    confirmed: report.confirmed,
    rejected: report.rejected,
    still_pending: report.stillPending,
    released: report.released,
    release_deferred: report.releaseDeferred,
  };
  for (const [result, n] of Object.entries(results)) instruments.recovered.inc({ result }, n);
  return report;
}

async function recoveryPass(
  deps: PlacementDeps,
  settings: RecoverySettings,
): Promise<RecoveryReport> {
  const report: RecoveryReport = {
    confirmed: 0,
    rejected: 0,
    stillPending: 0,
    released: 0,
    releaseDeferred: 0,
  };
  const pending = await stalePendingOrders(deps.db, settings.staleAfterMs, settings.batchSize);
  const ids = pending.map((o) => o.id);
  const lines = groupByKey(ids, await linesOfOrders(deps.db, ids), (l) => l.orderId);
  for (const [i, order] of pending.entries()) {
    const own = lines[i] ?? [];
    const age = Date.now() - order.placedAt.getTime();
    const settled = await settle(deps, order, own, () =>
      age >= settings.giveUpAfterMs
        ? {
            code: 'STOCK_UNAVAILABLE',
            field: null,
            message: 'Stock could not be confirmed in time; nothing is held for this order',
          }
        : null,
    );
    if (settled.status === 'CONFIRMED') report.confirmed++;
    else if (settled.status === 'PENDING') report.stillPending++;
    else report.rejected++;
  }
  for (const id of await ordersWithReleaseDue(deps.db, settings.batchSize)) {
    if (await giveBack(deps, id)) report.released++;
    else report.releaseDeferred++;
  }
  return report;
}

/**
 * The orders process's own settings (its SubgraphDefinition.settings), parsed at start with the
 * rest of its configuration. RECOVERY_STALE_MS may be 0: take over every PENDING order at once.
 */
export const recoveryEnvSettings = {
  RECOVERY_INTERVAL_MS: positiveInt(10_000),
  RECOVERY_STALE_MS: z.coerce.number().int().nonnegative().default(30_000),
  PENDING_GIVE_UP_MS: positiveInt(15 * 60_000),
};

/** The orders process's recovery loop: one pass now, then one per interval, never overlapping. */
export function startRecovery(
  deps: BackgroundDeps<typeof tables>,
  env: SettingsOf<typeof recoveryEnvSettings>,
): BackgroundTask {
  const settings: RecoverySettings = {
    staleAfterMs: env.RECOVERY_STALE_MS,
    giveUpAfterMs: env.PENDING_GIVE_UP_MS,
    batchSize: 100,
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();

  const run = () => {
    pass = recoverOrders(deps, settings).then(
      (report) => {
        const worked = Object.values(report).some((n) => n > 0);
        if (worked) deps.logger.info({ recovery: report }, 'recovery pass');
      },
      (error: unknown) => deps.logger.error({ err: error }, 'recovery pass failed'),
    );
    void pass.then(() => {
      if (!stopped) timer = setTimeout(run, env.RECOVERY_INTERVAL_MS);
    });
  };
  run();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await pass;
    },
  };
}

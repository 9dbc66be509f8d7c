/** Orders' domain metrics: placements, recovery and the oldest unfinished order. */
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { instrumentsOn } from '../../lib/metrics/instruments';
import { oldestPendingAgeSeconds } from './db/order-writes';
import type { OrdersDb } from './db/orders';

export const orderMetrics = instrumentsOn((registry) => ({
  placements: new Counter({
    name: 'mercato_orders_placements_total',
    help: 'placeOrder answers by outcome (confirmed, rejected, pending, refused: no order) and error code (none, or the first)',
    labelNames: ['outcome', 'code'],
    registers: [registry],
  }),
  recoveryPasses: new Counter({
    name: 'mercato_orders_recovery_passes_total',
    help: 'Recovery passes over unfinished orders, by result (ok, failed)',
    labelNames: ['result'],
    registers: [registry],
  }),
  recovered: new Counter({
    name: 'mercato_orders_recovery_orders_total',
    help: 'Orders a recovery pass handled, by result (confirmed, rejected, still_pending, released, release_deferred)',
    labelNames: ['result'],
    registers: [registry],
  }),
}));

/**
 * The age of the oldest PENDING order, read with one statement at scrape time: a PENDING order
 * that stays is one recovery cannot settle, which a counter would not show.
 */
export function observeOrders({ db, metrics }: { db: OrdersDb; metrics: Registry }): void {
  // Registered at start, so every family is scraped (at zero) before its first event.
  orderMetrics(metrics);
  new Gauge({
    name: 'mercato_orders_oldest_pending_age_seconds',
    help: 'Age of the oldest PENDING order in seconds; 0 when there is none',
    registers: [metrics],
    async collect() {
      this.set(await oldestPendingAgeSeconds(db));
    },
  });
}

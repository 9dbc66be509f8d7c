/** Inventory's domain metrics: the internal stock API's reserve and release calls. */
import { Counter } from 'prom-client';
import { instrumentsOn } from '../../lib/metrics/instruments';

export const stockMetrics = instrumentsOn((registry) => ({
  reservations: new Counter({
    name: 'mercato_inventory_reserve_total',
    help: 'Reserve calls of the internal stock API by result (held, released: the order was released first, insufficient)',
    labelNames: ['result'],
    registers: [registry],
  }),
  releases: new Counter({
    name: 'mercato_inventory_release_total',
    help: 'Release calls of the internal stock API by result (released: stock returned, none: nothing held)',
    labelNames: ['result'],
    registers: [registry],
  }),
}));

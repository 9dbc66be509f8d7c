import type { Registry } from 'prom-client';

/**
 * A module's instruments on a given registry, made once per registry. Domain code receives its
 * server's registry through its dependencies (`metrics` beside `logger`) and takes its counters
 * from here: one set per server, none global, so in-process test servers never share counts.
 */
export function instrumentsOn<T>(make: (registry: Registry) => T): (registry: Registry) => T {
  const made = new WeakMap<Registry, T>();
  return (registry) => {
    let instruments = made.get(registry);
    if (!instruments) {
      instruments = make(registry);
      made.set(registry, instruments);
    }
    return instruments;
  };
}

import DataLoader from 'dataloader';

/** Orders rows by the keys asked for; null where a key has no row (DataLoader's contract). */
export function byKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const found = new Map<K, R>();
  for (const row of rows) found.set(keyOf(row), row);
  return keys.map((key) => found.get(key) ?? null);
}

/** Groups rows under the keys asked for, keeping the rows' order; an empty list for a key with none. */
export function groupByKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Told the number of keys in each batch a loader sends, under the loader's name (a bounded set:
 * the names written in each subgraph's loaders.ts). The subgraph's metrics count them.
 */
export type BatchObserver = (loader: string, size: number) => void;

/** A DataLoader whose batches `observe` sees under `name`: every subgraph loader is made so. */
export function namedLoader<K, V>(
  observe: BatchObserver,
  name: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    observe(name, keys.length);
    return await batch(keys);
  });
}

/**
 * One DataLoader per distinct set of arguments. A one-to-many field such as
 * `Product.reviews(first, after)` batches every parent that asks with the same arguments into
 * one statement; different arguments cannot share a batch.
 */
export class LoaderFamily<A, K, V> {
  private readonly loaders = new Map<string, DataLoader<K, V>>();

  constructor(
    private readonly observe: BatchObserver,
    /** One name for the family: its batches are alike whatever their arguments. */
    private readonly name: string,
    private readonly batch: (args: A, keys: readonly K[]) => Promise<V[]>,
  ) {}

  get(args: A): DataLoader<K, V> {
    const id = JSON.stringify(args);
    let loader = this.loaders.get(id);
    if (!loader) {
      loader = namedLoader<K, V>(this.observe, this.name, (keys) => this.batch(args, keys));
      this.loaders.set(id, loader);
    }
    return loader;
  }
}

/** Parses an ID argument into a row id; anything that is not a positive integer finds nothing. */
export function parseId(id: string | number): number | null {
  const text = String(id);
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const value = Number(text);
  return value <= 2_147_483_647 ? value : null;
}

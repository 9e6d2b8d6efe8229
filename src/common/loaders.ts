import DataLoader from 'dataloader';

/**
 * DataLoaders live for one request: created lazily by name, so a request that never
 * touches trades never builds a trade loader, and no cache outlives the caller's scope.
 */
export class Loaders {
  private readonly map = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
    cacheKey?: (key: K) => unknown,
  ): DataLoader<K, V> {
    let loader = this.map.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { cacheKeyFn: cacheKey as ((key: K) => K) | undefined, maxBatchSize: 1000 });
      this.map.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Orders batch results by key: a batch function must answer in key order, null for a miss. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const found = new Map<K, V>();
  for (const row of rows) found.set(keyOf(row), row);
  return keys.map((k) => found.get(k) ?? null);
}

/**
 * `items` grouped by `key`, groups and members in first-seen order; items whose key is null
 * are left out. One pass that appends, where spreading each group again per item made large
 * batches (an import chunk, a backfill step) quadratic. Map.groupBy is Node 21+.
 */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

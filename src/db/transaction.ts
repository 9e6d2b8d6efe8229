import { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from './data-source';

/**
 * Every API write runs through here. On MySQL each transaction gets its own pooled
 * connection. TypeORM's SQLite driver has ONE connection, so two overlapping transactions
 * would nest or interleave; a per-DataSource queue makes them take turns (SQLite admits a
 * single writer anyway, so nothing is lost).
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function writeTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(ds) === 'mysql') return ds.transaction(work);
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.then(() => ds.transaction(work));
  queues.set(ds, run.catch(() => undefined));
  return run;
}

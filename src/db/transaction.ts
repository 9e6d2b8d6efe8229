import { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from './data-source';
import { writeUnavailable } from './errors';
import { sqliteTransaction, writeDeadline } from './sqlite-transaction';

/**
 * Every API write runs through here. On MySQL each transaction gets its own pooled
 * connection. TypeORM's SQLite driver has ONE connection, so two overlapping transactions
 * would nest or interleave; a per-DataSource queue makes them take turns (SQLite admits a
 * single writer anyway, so nothing is lost), and sqlite-transaction.ts runs each one.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function writeTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return notifyAfter(ds, runTransaction(ds, work));
}

function runTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(ds) === 'mysql') return mysqlTransaction(ds, work);
  const deadline = writeDeadline(ds);
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.then(() => sqliteTransaction(ds, work, deadline));
  queues.set(ds, run.catch(() => undefined));
  return run;
}

/** An outage is answered with what it did to the write: not stored, or unknown when it hit the COMMIT. */
async function mysqlTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  let committing = false;
  try {
    return await ds.transaction(async (em) => {
      const result = await work(em);
      committing = true;
      return result;
    });
  } catch (err) {
    throw writeUnavailable(err, committing) ?? err;
  }
}

/**
 * Runs `work` outside any open write transaction. On SQLite's single connection a plain
 * read issued mid-transaction would see that transaction's uncommitted rows; readers that
 * must see committed rows only (the change relay and feed) queue behind the writers.
 * On MySQL each query takes its own pooled connection, so it just runs.
 */
export function committedRead<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  if (dialectOf(ds) === 'mysql') return work();
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.then(work);
  queues.set(ds, run.catch(() => undefined));
  return run;
}

/**
 * Listeners told after each committed write (the change relay, so local commits are
 * published at once instead of at its next poll). A listener must not throw.
 */
const commitListeners = new WeakMap<DataSource, Set<() => void>>();

export function onCommit(ds: DataSource, listener: () => void): () => void {
  const set = commitListeners.get(ds) ?? new Set();
  commitListeners.set(ds, set);
  set.add(listener);
  return () => set.delete(listener);
}

async function notifyAfter<T>(ds: DataSource, run: Promise<T>): Promise<T> {
  const result = await run;
  for (const listener of commitListeners.get(ds) ?? []) listener();
  return result;
}

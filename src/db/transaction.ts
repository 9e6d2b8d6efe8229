import { type DataSource, type EntityManager } from 'typeorm';
import { dialectOf } from './data-source';
import { sqliteTransaction, writeDeadline } from './sqlite-transaction';
import { isDeadlock, writeUnavailable } from './errors';
import { serviceUnavailable } from '../common/errors';

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
  if (dialectOf(ds) === 'mysql') return retryingDeadlocks(ds, work);
  const deadline = writeDeadline(ds);
  const previous = queues.get(ds) ?? Promise.resolve();
  const run = previous.then(() => sqliteTransaction(ds, work, deadline));
  queues.set(
    ds,
    run.catch(() => undefined),
  );
  return run;
}

/** Attempts of one MySQL write transaction that InnoDB keeps choosing as a deadlock victim. */
export const DEADLOCK_ATTEMPTS = 5;

/**
 * InnoDB breaks a deadlock by rolling one transaction back whole (ER_LOCK_DEADLOCK): nothing
 * of it was stored, so running `work` again from the start is safe, and it is what the
 * client would have to do. `work` must therefore keep its effects inside the transaction.
 * A short random pause lets the winner commit first. After DEADLOCK_ATTEMPTS the write is
 * answered SERVICE_UNAVAILABLE (not stored, retry later), never with the driver's error.
 */
async function retryingDeadlocks<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mysqlTransaction(ds, work);
    } catch (err) {
      if (!isDeadlock(err)) throw err;
      if (attempt >= DEADLOCK_ATTEMPTS) {
        throw serviceUnavailable(
          'The database kept breaking lock cycles with this write (deadlocks): it was not stored. Retry shortly.',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
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
    if (isDeadlock(err)) throw err;
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
  queues.set(
    ds,
    run.catch(() => undefined),
  );
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

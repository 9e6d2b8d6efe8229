import { type DataSource, type EntityManager } from 'typeorm';
import { dialectOf } from './data-source';
import { sqliteTransaction, writeDeadline } from './sqlite-transaction';
import { isDeadlock, writeUnavailable } from './errors';
import { serviceUnavailable } from '../common/errors';
import { discardConnection } from '../common/library-internals';

/**
 * Every API write runs through here. On MySQL each transaction gets its own pooled
 * connection. TypeORM's SQLite driver has ONE connection, so two overlapping transactions
 * would nest or interleave; a per-DataSource queue makes them take turns (SQLite admits a
 * single writer anyway, so nothing is lost), and sqlite-transaction.ts runs each one.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export interface TransactionOptions {
  /**
   * `work` sends writes before the ones before them are answered (an import keeps MariaDB
   * busy so). A failed statement can end MySQL's transaction (a deadlock rolls it back), and
   * with autocommit on, a write already on its way behind it would then commit on its own.
   * On MySQL the transaction's connection therefore runs with autocommit off: such a write
   * opens a new transaction, which the rollback that follows the failure discards. SQLite's
   * transactions are unchanged: a writer there waits for each answer (ImportContext.pipelined).
   */
  pipelined?: boolean;
}

export function writeTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  return notifyAfter(ds, runTransaction(ds, work, options));
}

function runTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  options: TransactionOptions,
): Promise<T> {
  if (dialectOf(ds) === 'mysql') return retryingDeadlocks(ds, work, options);
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
async function retryingDeadlocks<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  options: TransactionOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await mysqlTransaction(ds, work, options);
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
async function mysqlTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  options: TransactionOptions,
): Promise<T> {
  let committing = false;
  const run = async (em: EntityManager) => {
    const result = await work(em);
    committing = true;
    return result;
  };
  try {
    return await (options.pipelined ? withoutAutocommit(ds, (em) => em.transaction(run)) : ds.transaction(run));
  } catch (err) {
    if (isDeadlock(err)) throw err;
    throw writeUnavailable(err, committing) ?? err;
  }
}

/**
 * `work` on a connection of its own with autocommit off (TransactionOptions.pipelined),
 * switched back on before the connection returns to the pool: after the transaction has
 * ended, so that switching commits nothing. A connection that cannot be switched back is
 * closed instead of returned.
 */
async function withoutAutocommit<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  try {
    await runner.query('SET SESSION autocommit = 0');
    return await work(runner.manager);
  } finally {
    try {
      await runner.query('SET SESSION autocommit = 1');
    } catch {
      discardConnection(runner);
    }
    await runner.release();
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

import type { Database } from 'better-sqlite3';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { markTransaction } from '../common/library-internals';
import { isSqliteBusy, sqliteLocked, sqliteUnavailable } from './errors';

/**
 * SQLite write transactions, run here instead of by TypeORM's EntityManager.transaction,
 * for two faults found by injecting them (issue 20):
 *
 * 1. A full disk. TypeORM's better-sqlite3 driver has one connection and one query runner
 *    that counts transaction depth. On SQLITE_FULL, SQLite rolls the transaction back by
 *    itself; TypeORM's own ROLLBACK then fails and the depth stays 1, so every later
 *    transaction became a SAVEPOINT, and once one of those was refused (ROLLBACK TO keeps
 *    the transaction open), the rest sat inside a transaction that never committed:
 *    acknowledged, read back by this process, gone at restart. Here the outer
 *    transaction is always a real BEGIN (it cannot nest by accident), SQLite's own
 *    `inTransaction` decides whether a ROLLBACK is due, and TypeORM's counters are reset
 *    after every transaction, however it ended.
 * 2. A lock held by another process (seed, migration, backup, sqlite3 shell).
 *    better-sqlite3 is synchronous: waiting in SQLite's busy handler stops the event loop,
 *    /healthz included. Here the write lock is taken first (BEGIN IMMEDIATE) without
 *    waiting, and tried again on timers until the write's deadline. In WAL mode it is the
 *    only lock a write waits for: holding it, its statements and COMMIT never wait, and
 *    readers never wait for writers.
 *
 * Calls run one at a time (transaction.ts queues them per DataSource).
 */

const FIRST_RETRY_MS = 2;
const MAX_RETRY_MS = 50;
const DEFAULT_LOCK_WAIT_MS = 5000;

const lockWaits = new WeakMap<DataSource, number>();

/** How long a write may wait for a lock another process holds (SQLITE_LOCK_WAIT_MS). */
export function setLockWait(ds: DataSource, ms: number): void {
  lockWaits.set(ds, ms);
}

/** The deadline of a write asked for now: it counts from the request, not from its turn in the queue. */
export const writeDeadline = (ds: DataSource) => Date.now() + (lockWaits.get(ds) ?? DEFAULT_LOCK_WAIT_MS);

export async function sqliteTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  deadline: number,
): Promise<T> {
  const runner = ds.createQueryRunner();
  const db = (await runner.connect()) as Database;
  await beginImmediate(runner, db, deadline);
  markTransaction(runner, true);
  try {
    const result = await work(runner.manager);
    await runner.query('COMMIT');
    return result;
  } catch (err) {
    throw sqliteUnavailable(err) ?? err;
  } finally {
    try {
      // After a failed COMMIT or statement SQLite may already have rolled back: ask it.
      if (db.inTransaction) await runner.query('ROLLBACK');
    } finally {
      markTransaction(runner, false);
    }
  }
}

/**
 * Takes the write lock, or waits for it on timers until `deadline`, then answers
 * SERVICE_UNAVAILABLE. A transaction still open on the shared connection (one that TypeORM
 * runs itself, as migrations do) is waited for the same way.
 */
async function beginImmediate(runner: QueryRunner, db: Database, deadline: number): Promise<void> {
  for (let pause = FIRST_RETRY_MS; ; pause = Math.min(pause * 2, MAX_RETRY_MS)) {
    if (!db.inTransaction && (await tryBegin(runner, db))) return;
    if (Date.now() + pause > deadline) throw sqliteLocked();
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** One attempt, with SQLite's busy handler off: the connection keeps its busy_timeout for everything else. */
async function tryBegin(runner: QueryRunner, db: Database): Promise<boolean> {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    await runner.query('BEGIN IMMEDIATE');
    return true;
  } catch (err) {
    if (isSqliteBusy(err)) return false;
    throw sqliteUnavailable(err) ?? err;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

import { type AppError, serviceUnavailable } from '../common/errors';

/**
 * Recognizes a unique-key violation on MySQL/MariaDB (ER_DUP_ENTRY) and SQLite
 * (SQLITE_CONSTRAINT_UNIQUE) and tells which of the given named keys it hit.
 */
export function uniqueViolation(err: unknown, keys: Record<string, string>): string | null {
  const e = err as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = e?.driverError?.code ?? e?.code;
  if (code !== 'ER_DUP_ENTRY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
  const message = `${e?.driverError?.message ?? ''} ${e?.message ?? ''}`;
  for (const [needle, field] of Object.entries(keys)) if (message.includes(needle)) return field;
  return 'unknown';
}

/** InnoDB rolled the transaction back to break a lock cycle (MySQL and MariaDB: 1213). */
export function isDeadlock(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  return (e?.driverError?.code ?? e?.code) === 'ER_LOCK_DEADLOCK' || (e?.driverError?.errno ?? e?.errno) === 1213;
}

/**
 * SQLite result codes that say the database cannot take a write now (a condition of the
 * server, not of the request), as the retryable SERVICE_UNAVAILABLE; null for any other
 * error. The transaction that meets one is rolled back whole (by SQLite itself, or by
 * sqlite-transaction.ts), so "not stored" holds for the write that gets it.
 */
export function sqliteUnavailable(err: unknown): AppError | null {
  const code = sqliteCode(err);
  if (code === 'SQLITE_FULL')
    return serviceUnavailable(
      'The database has no room left (disk full): this write was not stored. Retry once space has been freed.',
    );
  if (code.startsWith('SQLITE_IOERR'))
    return serviceUnavailable('The database could not write to its disk: this write was not stored. Retry later.');
  if (code.startsWith('SQLITE_READONLY'))
    return serviceUnavailable('The database is read-only right now: this write was not stored. Retry later.');
  if (isSqliteBusy(err)) return sqliteLocked();
  return null;
}

/** Another connection holds the lock this statement needed. */
export const isSqliteBusy = (err: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(sqliteCode(err));

/** better-sqlite3's (extended) result code, as thrown or wrapped in TypeORM's QueryFailedError. */
function sqliteCode(err: unknown): string {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return String(e?.driverError?.code ?? e?.code ?? '');
}

/**
 * How the database failed when the fault is the database's, not the request's: the same
 * request may succeed later, so clients get the retryable SERVICE_UNAVAILABLE.
 */
export type Outage = 'unreachable' | 'slow' | 'busy' | 'storage';

/**
 * mysql2's codes (Node's for sockets, PROTOCOL_ for the connection, ER_ for the server's
 * errors), wait-limits.ts's own, and MariaDB's numbers that mysql2 has no name for.
 * Deadlocks and lock waits count: InnoDB rolled the statement or transaction back, and the
 * same write succeeds once the other one is through.
 */
const OUTAGES: Record<string, Outage> = {
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  EPIPE: 'unreachable',
  ETIMEDOUT: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EAI_AGAIN: 'unreachable',
  PROTOCOL_CONNECTION_LOST: 'unreachable',
  ER_SERVER_SHUTDOWN: 'unreachable',
  ER_QUERY_INTERRUPTED: 'unreachable',
  ER_NET_READ_ERROR: 'unreachable',
  ER_NET_ERROR_ON_WRITE: 'unreachable',
  ER_CLIENT_INTERACTION_TIMEOUT: 'unreachable',
  DB_CONNECT_FAILED: 'unreachable',
  1927: 'unreachable', // MariaDB ER_CONNECTION_KILLED
  DB_STATEMENT_TIMEOUT: 'slow',
  DB_ACQUIRE_TIMEOUT: 'slow',
  PROTOCOL_SEQUENCE_TIMEOUT: 'slow',
  ER_QUERY_TIMEOUT: 'slow',
  1969: 'slow', // MariaDB ER_STATEMENT_TIMEOUT (max_statement_time)
  DB_QUEUE_FULL: 'busy',
  ER_CON_COUNT_ERROR: 'busy',
  ER_TOO_MANY_USER_CONNECTIONS: 'busy',
  ER_LOCK_WAIT_TIMEOUT: 'busy',
  ER_LOCK_DEADLOCK: 'busy',
  ER_OPTION_PREVENTS_STATEMENT: 'storage', // --read-only, as during a failover
  ER_RECORD_FILE_FULL: 'storage',
};

/** The outage behind `err` (as thrown, or wrapped in TypeORM's QueryFailedError), or null for any other error. */
export function databaseOutage(err: unknown): Outage | null {
  const e = err as { driverError?: unknown } | null;
  const driver = (e?.driverError ?? e) as { code?: unknown; errno?: unknown; fatal?: unknown } | null;
  const known = OUTAGES[String(driver?.code)] ?? OUTAGES[String(driver?.errno)];
  if (known) return known;
  const sqlite = sqliteCode(err);
  if (isSqliteBusy(err)) return 'busy';
  if (sqlite === 'SQLITE_FULL' || sqlite.startsWith('SQLITE_IOERR') || sqlite.startsWith('SQLITE_READONLY'))
    return 'storage';
  // mysql2 marks fatal what ended the connection, however it ended.
  return driver?.fatal === true ? 'unreachable' : null;
}

const WHAT_HAPPENED: Record<Outage, string> = {
  unreachable: 'The database cannot be reached',
  slow: 'The database did not answer in time',
  busy: 'The database is too busy to take this request',
  storage: 'The database cannot store anything right now (its disk is full or it is read-only)',
};

/** SERVICE_UNAVAILABLE for a request (a query, or a write that had not started) that met `outage`. */
export const unavailable = (outage: Outage) => serviceUnavailable(`${WHAT_HAPPENED[outage]}: retry shortly.`);

/**
 * SERVICE_UNAVAILABLE for a write transaction that met an outage, or null for any other
 * error. Before COMMIT nothing was stored: a failed statement's transaction is rolled back,
 * by us or, when its connection is gone, by the server. A COMMIT that got no answer may
 * have been carried out: then the client must look before writing again.
 */
export function writeUnavailable(err: unknown, committing: boolean): AppError | null {
  const outage = databaseOutage(err);
  if (!outage) return null;
  return committing
    ? serviceUnavailable(
        `${WHAT_HAPPENED[outage]} when asked to commit this write: it may or may not have been stored. Read it back before retrying.`,
        { writeOutcome: 'UNKNOWN' },
      )
    : serviceUnavailable(`${WHAT_HAPPENED[outage]}: this write was not stored. Retry shortly.`);
}

export const sqliteLocked = () =>
  serviceUnavailable(
    'The database is locked by another process (a backup, a migration, the seed or a sqlite3 shell): this write was not stored. Retry shortly.',
  );

import { AppError, serviceUnavailable } from '../common/errors';

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
  if (code === 'SQLITE_FULL') return serviceUnavailable('The database has no room left (disk full): this write was not stored. Retry once space has been freed.');
  if (code.startsWith('SQLITE_IOERR')) return serviceUnavailable('The database could not write to its disk: this write was not stored. Retry later.');
  if (code.startsWith('SQLITE_READONLY')) return serviceUnavailable('The database is read-only right now: this write was not stored. Retry later.');
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

export const sqliteLocked = () =>
  serviceUnavailable('The database is locked by another process (a backup, a migration, the seed or a sqlite3 shell): this write was not stored. Retry shortly.');

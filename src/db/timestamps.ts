import type { DataSource, EntityManager } from 'typeorm';
import { setTimestampDefaults } from '../common/library-internals';

/**
 * Every timestamp is stored at millisecond precision, the precision of JavaScript dates and
 * so of keyset cursors: MySQL DATETIME(3), and on SQLite text 'YYYY-MM-DD HH:MM:SS.SSS',
 * the form TypeORM writes dates in. SQLite compares those texts as strings, so one row at
 * '… 08:00:00' (whole seconds, what its datetime('now') and CURRENT_TIMESTAMP give) sorts
 * before a cursor at '… 08:00:00.000' and is never equal to it: pages skipped and repeated
 * rows. The database's own "now" must therefore also be written with milliseconds.
 */
const NOW_MS = {
  mysql: 'CURRENT_TIMESTAMP(3)',
  sqlite: "strftime('%Y-%m-%d %H:%M:%f','now')",
} as const;

const isMysql = (ds: DataSource) => ds.options.type === 'mysql' || ds.options.type === 'mariadb';
const nowMs = (ds: DataSource) => NOW_MS[isMysql(ds) ? 'mysql' : 'sqlite'];

/** Defaults of created/updated columns; call before initialize() (entity metadata reads them). */
export function useMillisecondTimestamps(ds: DataSource): void {
  setTimestampDefaults(ds, 3, nowMs(ds));
}

/**
 * Values for an UPDATE with `updatedAt` set to now in milliseconds. Every update of a
 * record goes through this: TypeORM's update builder otherwise adds `updated_at =
 * CURRENT_TIMESTAMP`, whole seconds on both databases.
 */
export function touched<T extends object>(em: EntityManager, changes: T): T & { updatedAt: () => string } {
  const now = nowMs(em.connection);
  return { ...changes, updatedAt: () => now };
}

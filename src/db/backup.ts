import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** sqlite3_backup_step's "every remaining page": better-sqlite3 caps a step at this. */
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a live SQLite database, through SQLite's online backup API.
 * Copying the file is not a backup: committed writes may still sit in its -wal file, and a
 * copy taken during a checkpoint can be torn. The pages are copied in one step, that is
 * one read transaction: in WAL mode it does not hold up the API's writers, and no write
 * of theirs can make it start over (as one between smaller steps would).
 */
export async function backupSqlite(source: string, destination: string): Promise<number> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    const { totalPages } = await db.backup(destination, { progress: () => ALL_PAGES });
    return totalPages;
  } finally {
    db.close();
  }
}

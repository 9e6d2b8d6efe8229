import fs from 'node:fs';
import path from 'node:path';

/**
 * The SQLite file holds personal data and trade secrets: owner-only (0600), like the JWT
 * secret beside it, whatever the umask. SQLite gives its -wal and -shm files the database
 * file's mode, so the database is created 0600 before SQLite opens it; an older, readable
 * one (and its WAL files) is narrowed. Every opener (server, migrate and seed CLIs) goes
 * through createDataSource, which calls this.
 */
export function keepDatabaseFilePrivate(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (fs.existsSync(f) && (fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
  }
}

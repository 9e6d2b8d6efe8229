/**
 * Jest globalSetup: makes sure a MySQL/MariaDB server is available to every test worker.
 *
 * - TEST_MYSQL_URL set: used as is. It names a *server* where the tests may create and drop
 *   databases (e.g. mysql://root:pw@127.0.0.1:3306/); any database in its path is ignored,
 *   each test creates its own `t_<random>` database (see db.ts).
 * - Otherwise a throwaway MariaDB/MySQL is started from the binary on PATH (mariadb.ts), its
 *   URL is put into process.env.TEST_MYSQL_URL (workers inherit it) and the handle is kept on
 *   globalThis for global-teardown.ts.
 */
import { startMariaDb, type MariaDbHandle } from './mariadb';

declare global {
  var __TEST_MARIADB__: MariaDbHandle | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_MYSQL_URL) return;
  const server = await startMariaDb();
  globalThis.__TEST_MARIADB__ = server;
  process.env.TEST_MYSQL_URL = server.url;
  if (process.env.TEST_DB_VERBOSE)
    process.stderr.write(`\n[test db] MariaDB/MySQL at ${server.url} (started in ${server.startupMs} ms)\n`);
}

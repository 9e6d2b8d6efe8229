/** Jest globalTeardown: stops the server global-setup.ts started (nothing to do with TEST_MYSQL_URL given). */
import './global-setup';

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__TEST_MARIADB__;
  if (!server) return;
  globalThis.__TEST_MARIADB__ = undefined;
  delete process.env.TEST_MYSQL_URL;
  await server.stop();
}

import { Writable } from 'node:stream';
import { importCli } from '../../src/import/import.cli';
import type { TestServer } from '../support/server';
import { TEST_ID_SECRET, TEST_JWT_SECRET } from '../support/server';

/** A stream that keeps what is written to it. */
export function captured(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => void (chunks.push(String(chunk)), done()) });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/** The environment a CLI run gets: the test server's database and secrets. */
export const cliEnv = (server: TestServer): NodeJS.ProcessEnv => ({
  JWT_SECRET: TEST_JWT_SECRET,
  ID_SECRET: TEST_ID_SECRET,
  DATA_DIR: server.db.dataDir,
  LOG_LEVEL: 'silent',
  NODE_ENV: 'test',
  ...(server.db.databaseUrl ? { DATABASE_URL: server.db.databaseUrl } : {}),
});

/** npm run import, in process, against the test server's database. */
export async function runImport(
  server: TestServer,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const stdout = captured();
  const stderr = captured();
  const code = await importCli(args, { stdout, stderr }, cliEnv(server));
  return { code, out: stdout.text(), err: stderr.text() };
}

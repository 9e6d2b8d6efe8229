import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDataSource } from '../../src/db/data-source';
import { ENTITIES } from '../../src/server/entities';

/** The SQLite database and its WAL files are owner-only (0600), as the JWT secret is, under a umask of 022. */
describe('SQLite files [sqlite]', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-mode-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const modes = (file: string) =>
    Object.fromEntries(
      ['', '-wal', '-shm'].map((suffix) => [
        `crm.sqlite${suffix}`,
        fs.existsSync(file + suffix) ? (fs.statSync(file + suffix).mode & 0o777).toString(8) : 'missing',
      ]),
    );

  /** Opens, migrates and writes as the server and the migrate and seed CLIs do; the files are read while it is open. */
  async function openAndWrite(dataDir: string) {
    const ds = await openDataSource({ entities: ENTITIES, dataDir });
    try {
      await ds.runMigrations({ transaction: 'each' });
      await ds.query(`INSERT INTO user (name, department, role) VALUES ('王五', '销售一部', 'sales_rep')`);
      return modes(path.join(dataDir, 'crm.sqlite'));
    } finally {
      await ds.destroy();
    }
  }

  it('creates the database, -wal and -shm readable by their owner only', async () => {
    expect(process.umask() & 0o077).toBe(0o022);
    expect(await openAndWrite(path.join(dir, 'data'))).toEqual({
      'crm.sqlite': '600',
      'crm.sqlite-wal': '600',
      'crm.sqlite-shm': '600',
    });
    expect(fs.statSync(path.join(dir, 'data')).mode & 0o077).toBe(0);
  });

  it('narrows a database an earlier version left world-readable', async () => {
    const file = path.join(dir, 'crm.sqlite');
    await openAndWrite(dir);
    for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o644);
    fs.writeFileSync(`${file}-wal`, '', { mode: 0o644 }); // a WAL left behind by a crash
    expect(modes(file)['crm.sqlite']).toBe('644');
    expect(await openAndWrite(dir)).toEqual({ 'crm.sqlite': '600', 'crm.sqlite-wal': '600', 'crm.sqlite-shm': '600' });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupSqlite } from '../../src/db/backup';
import { ArchiveStatus } from '../../src/customers/customer.enums';
import { gid, makeCustomer } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { name } }`;

describe('backing up the embedded database (npm run backup)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.stop());

  it('copies a live database whole, with the commits still in its WAL', async () => {
    // A draft: updateCustomer changes only a draft's name.
    const c = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL });
    expectNoErrors(
      (
        await server.gql(
          RENAME,
          { input: { id: gid('Customer', c.id), version: c.version, name: '备份之前' } },
          { role: 'general_manager' },
        )
      ).body,
    );
    const file = server.db.sqlitePath!;
    // The rename is committed but not yet checkpointed: a copy of crm.sqlite alone would miss it.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const copy = path.join(server.db.dataDir, 'backups', 'copy.sqlite');
    expect(await backupSqlite(file, copy)).toBeGreaterThan(0);
    const restored = new Database(copy, { readonly: true });
    try {
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(restored.prepare('SELECT name FROM customer WHERE id = ?').get(c.id)).toEqual({ name: '备份之前' });
    } finally {
      restored.close();
    }
    // The API goes on writing.
    expectNoErrors(
      (
        await server.gql(
          RENAME,
          { input: { id: gid('Customer', c.id), version: c.version + 1, name: '备份之后' } },
          { role: 'general_manager' },
        )
      ).body,
    );
  });
});

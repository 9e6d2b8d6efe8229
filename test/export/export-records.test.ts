import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_RECORD_READERS } from '../../src/auth/policy';
import { type Role, ROLES, RoleName } from '../../src/auth/roles';
import { exportCli } from '../../src/export/export.cli';
import { type User } from '../../src/users/user.entity';
import { ExportCustomersDocument, ExportRecordsDocument } from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { makeCustomer, makeUser } from '../support/factories';
import { errorCodes, expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';
import { captured, cliEnv } from '../import/cli';

/** exportRecords: the export register, newest first, for the roles of EXPORT_RECORD_READERS only. */
describeEachDialect('exportRecords', (dialect) => {
  let server: TestServer;
  let rep: User;
  const users = {} as Record<Role, User>;
  const tag = `登记导出${process.pid}`;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const role of ROLES) users[role] = await makeUser(server.ds, role as RoleName);
    rep = users.sales_rep;
    await makeCustomer(server.ds, { industry: tag, ownerId: rep.id });
  });
  afterAll(() => server.stop());

  const records = (role: Role) =>
    send(server, ExportRecordsDocument, { first: 100 }, { role: role as RoleName, userId: users[role].id });

  it('lists a CLI export and a GraphQL export, newest first, to archive_admin and refuses every other role', async () => {
    const dir = fs.mkdtempSync(path.join(server.db.dataDir, 'register-'));
    const cliFilter = { industry: tag, region: ['EAST'] };
    const code = await exportCli(
      [
        'customers',
        '--filter',
        JSON.stringify(cliFilter),
        '--out',
        path.join(dir, 'cli.csv'),
        '--token',
        await server.token(RoleName.SALES_REP, rep.id),
      ],
      { stdout: captured(), stderr: captured() },
      cliEnv(server),
    );
    expect(code).toBe(0);
    const linkFilter = { industry: tag };
    const { url } = expectNoErrors(
      (
        await send(
          server,
          ExportCustomersDocument,
          { filter: linkFilter },
          { role: RoleName.SALES_REP, userId: rep.id },
        )
      ).body,
    ).exportCustomers;
    const download = await fetch(server.baseUrl + url);
    expect(download.status).toBe(200);
    await download.arrayBuffer();

    for (const role of ROLES) {
      const { body } = await records(role);
      if (!EXPORT_RECORD_READERS.includes(role)) {
        expect([role, errorCodes(body)]).toEqual([role, ['FORBIDDEN']]);
        expect(body.data?.exportRecords ?? null).toBeNull();
        continue;
      }
      const mine = expectNoErrors(body)
        .exportRecords.edges.map((e) => e.node)
        .filter((n) => n.subject === String(rep.id));
      expect(mine.map((n) => JSON.parse(n.filter))).toEqual([linkFilter, cliFilter]);
      for (const node of mine) {
        expect(node).toMatchObject({ roles: 'sales_rep', recordType: 'customers', format: 'csv', complete: true });
        expect(node.id).not.toMatch(/^\d+$/);
      }
      expect(mine.map((n) => n.rowCount)).toEqual([1, 1]);
      expect(mine[1].requestId).toMatch(/^export-/);
      expect(Date.parse(mine[0].exportedAt)).toBeGreaterThanOrEqual(Date.parse(mine[1].exportedAt));
    }
  });

  it('pages newest first with opaque cursors', async () => {
    const admin = RoleName.ARCHIVE_ADMIN;
    const opts = { role: admin, userId: users.archive_admin.id };
    const all = expectNoErrors((await send(server, ExportRecordsDocument, { first: 100 }, opts)).body).exportRecords;
    expect(all.edges.length).toBeGreaterThanOrEqual(2);
    const first = expectNoErrors((await send(server, ExportRecordsDocument, { first: 1 }, opts)).body).exportRecords;
    const second = expectNoErrors(
      (await send(server, ExportRecordsDocument, { first: 1, after: first.pageInfo.endCursor }, opts)).body,
    ).exportRecords;
    expect([first.edges[0].node.id, second.edges[0].node.id]).toEqual(all.edges.slice(0, 2).map((e) => e.node.id));
  });
});

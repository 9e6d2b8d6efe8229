import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RoleName } from '../../src/auth/roles';
import { Customer } from '../../src/customers/customer.entity';
import { type User } from '../../src/users/user.entity';
import { ImportFileDocument } from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { makeUser } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';
import { creditCode, writeCsv } from './files';

/** importFile: a manager imports a file from the server's import folder, and nothing else of its disk. */
describeEachDialect('importFile mutation', (dialect) => {
  let server: TestServer;
  let folder: string;
  let manager: GqlOptions;
  let rep: GqlOptions;
  let managerUser: User;

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-imports-'));
    server = await startTestServer(dialect, { env: { IMPORT_DIR: folder } });
    managerUser = await makeUser(server.ds, RoleName.SALES_MANAGER);
    manager = { role: RoleName.SALES_MANAGER, userId: managerUser.id };
    rep = { role: RoleName.SALES_REP, userId: (await makeUser(server.ds, RoleName.SALES_REP)).id };
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const importFile = (opts: GqlOptions, input: { path: string; dryRun?: boolean; partial?: boolean }) =>
    send(server, ImportFileDocument, { input }, opts);

  it('imports as the calling manager and answers with counts, refusals and the report beside the file', async () => {
    fs.mkdirSync(path.join(folder, 'march'), { recursive: true });
    writeCsv(path.join(folder, 'march', '客户.csv'), [
      ['客户名称', '统一社会信用代码', '客户类型', '所属区域', '传真号'],
      ['接口导入甲公司', creditCode(), '企业', '华南', '1'],
      ['接口导入乙公司', creditCode(), '企业', '月球', null],
    ]);
    const dry = expectNoErrors((await importFile(manager, { path: 'march/客户.csv', dryRun: true })).body).importFile;
    expect(dry).toMatchObject({
      rows: 2,
      created: 1,
      rejected: 1,
      committed: false,
      dryRun: true,
      unknownColumns: ['传真号'],
      reportPath: path.join('march', '客户.report.csv'),
    });
    expect(dry.rejections).toEqual([{ line: 3, column: '所属区域', reason: expect.stringContaining('"月球"') }]);
    expect(fs.existsSync(path.join(folder, 'march', '客户.report.csv'))).toBe(true);
    expect(await server.ds.getRepository(Customer).findOneBy({ name: '接口导入甲公司' })).toBeNull();

    const partial = expectNoErrors(
      (await importFile(manager, { path: 'march/客户.csv', partial: true })).body,
    ).importFile;
    expect(partial).toMatchObject({ created: 1, rejected: 1, committed: true });
    expect(await server.ds.getRepository(Customer).findOneBy({ name: '接口导入甲公司' })).toMatchObject({
      createdById: managerUser.id,
      region: 'SOUTH',
    });
  });

  it('is for managers only', async () => {
    writeCsv(path.join(folder, 'rep.csv'), [
      ['客户名称', '客户类型'],
      ['代表导入公司', '企业'],
    ]);
    expect(errorCodes((await importFile(rep, { path: 'rep.csv' })).body)).toEqual(['FORBIDDEN']);
  });

  it('reads nothing outside the import folder', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-outside-'));
    try {
      writeCsv(path.join(outside, 'secret.csv'), [
        ['客户名称', '客户类型'],
        ['外面公司', '企业'],
      ]);
      fs.symlinkSync(path.join(outside, 'secret.csv'), path.join(folder, 'link.csv'));
      const relative = path.relative(folder, path.join(outside, 'secret.csv'));
      for (const named of [relative, path.join(outside, 'secret.csv'), 'link.csv', 'none.csv', 'notes.txt']) {
        const { body } = await importFile(manager, { path: named });
        expect({ named, codes: errorCodes(body) }).toEqual({ named, codes: ['BAD_USER_INPUT'] });
        expect(body.errors?.[0].message).not.toContain(outside);
      }
      expect(fs.existsSync(path.join(outside, 'secret.report.csv'))).toBe(false);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { RoleName } from '../../src/auth/roles';
import { Contact } from '../../src/contacts/contact.entity';
import { Customer } from '../../src/customers/customer.entity';
import { Trade } from '../../src/trades/trade.entity';
import { type User } from '../../src/users/user.entity';
import { describeEachDialect } from '../support/db';
import { makeCustomer, makeUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { runImport } from './cli';
import { readReport, writeCsv } from './files';

/** 联系人表 and 交易记录表: rows name their customer by 档案编号, and a second run changes nothing. */
describeEachDialect('import contacts and trades', (dialect) => {
  let server: TestServer;
  let rep: User;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    dir = fs.mkdtempSync(path.join(server.db.dataDir, 'files-'));
  });
  afterAll(() => server.stop());

  it("adds contacts to the rep's own customers and finds them again by name", async () => {
    const mine = await makeCustomer(server.ds, { ownerId: rep.id });
    const other = await makeCustomer(server.ds);
    const csv = path.join(dir, '联系人.csv');
    writeCsv(csv, [
      ['档案编号', '联系人', '手机', '出生日期', '是否主要联系人'],
      [mine.archiveNo, '王经理', '13800000001', '1980年5月6日', '是'],
      [other.archiveNo, '李经理', '13800000002', null, '否'],
    ]);
    const token = await server.token(RoleName.SALES_REP, rep.id);
    const first = await runImport(server, [csv, '--type', 'contacts', '--partial', '--token', token]);
    expect(first.out).toMatch(/2 rows — 1 created, 0 updated, 0 unchanged, 1 refused/);
    // Another rep's customer is not the rep's to write: answered as not found, like createContact.
    expect(await readReport(csv.replace(/\.csv$/, '.report.csv'))).toEqual([
      ['3', '档案编号', expect.stringMatching(/not found/i)],
    ]);
    expect(await server.ds.getRepository(Contact).findBy({ customerId: mine.id })).toEqual([
      expect.objectContaining({ name: '王经理', mobile: '13800000001', birthday: '1980-05-06', isPrimary: true }),
    ]);
    const again = await runImport(server, [csv, '--type', 'contacts', '--partial', '--token', token]);
    expect(again.out).toMatch(/0 created, 0 updated, 1 unchanged, 1 refused/);
  });

  it('records trades as createTrade does, once however often the file is imported', async () => {
    const mine = await makeCustomer(server.ds, { ownerId: rep.id, creditLimit: '1000.00' });
    const csv = path.join(dir, '交易.csv');
    writeCsv(csv, [
      ['档案编号', '交易编号', '交易类型', '交易时间', '交易金额', '付款方式'],
      [mine.archiveNo, 'JY-1', '订单', '2024/3/5 10:30', '1,200.50', '现款'],
      [mine.archiveNo, 'JY-2', '订单', '2024-03-06', '2000', '赊账'],
      [mine.archiveNo, null, '订单', '2024-03-06', '10', '现款'],
    ]);
    const token = await server.token(RoleName.SALES_REP, rep.id);
    const first = await runImport(server, [csv, '--type', 'trades', '--partial', '--token', token]);
    expect(first.out).toMatch(/3 rows — 1 created, 0 updated, 0 unchanged, 2 refused/);
    const report = await readReport(csv.replace(/\.csv$/, '.report.csv'));
    // Over the credit limit on credit, and no 交易编号 to recognise the row by next time.
    expect(report.map(([line, column]) => [line, column])).toEqual([
      ['3', '交易金额'],
      ['4', '交易编号'],
    ]);
    expect(await server.ds.getRepository(Trade).findBy({ customerId: mine.id })).toEqual([
      expect.objectContaining({
        tradeNo: 'JY-1',
        amount: expect.stringMatching(/^1200\.5/),
        occurredAt: new Date('2024-03-05T02:30:00Z'),
      }),
    ]);
    expect(await server.ds.getRepository(Customer).findOneByOrFail({ id: mine.id })).toMatchObject({ tradeCount: 1 });

    const again = await runImport(server, [csv, '--type', 'trades', '--partial', '--token', token]);
    expect(again.out).toMatch(/0 created, 0 updated, 1 unchanged, 2 refused/);
    expect(await server.ds.getRepository(Trade).countBy({ customerId: mine.id })).toBe(1);
  });
});

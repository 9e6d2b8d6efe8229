import { parse } from 'csv-parse/sync';
import { ReadAudit } from '../../src/audit/read-audit.entity';
import { RoleName } from '../../src/auth/roles';
import { AbcClass } from '../../src/customers/customer.enums';
import { ExportRecord } from '../../src/export/export-record.entity';
import { type Customer } from '../../src/customers/customer.entity';
import { type User } from '../../src/users/user.entity';
import { ExportContactsDocument, ExportTradesDocument } from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { makeContact, makeCustomer, makeTrade, makeUser } from '../support/factories';
import { expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/** exportContacts and exportTrades: the caller's own view of those lists, as their queries show it. */
describeEachDialect('exportContacts and exportTrades', (dialect) => {
  let server: TestServer;
  let rep: User;
  let open: Customer;
  let classA: Customer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    open = await makeCustomer(server.ds, { ownerId: rep.id, name: '公开客户' });
    classA = await makeCustomer(server.ds, { abcClass: AbcClass.A, name: '甲类客户' });
    await makeContact(server.ds, open.id, { name: '张三丰', mobile: '13912345678', hobbies: '钓鱼' });
    await makeContact(server.ds, classA.id, { name: '李四', mobile: '13800001111', hobbies: '登山' });
    await makeTrade(server.ds, open.id, { tradeNo: 'T-OPEN-1' });
    await makeTrade(server.ds, classA.id, { tradeNo: 'T-A-1' });
  });
  afterAll(() => server.stop());

  async function download(url: string): Promise<{ header: string[]; rows: string[][] }> {
    const res = await fetch(server.baseUrl + url);
    expect(res.status).toBe(200);
    const [header, ...rows] = parse(Buffer.from(await res.arrayBuffer()), { bom: true }) as string[][];
    return { header, rows };
  }
  const column = (file: { header: string[]; rows: string[][] }, name: string) =>
    file.rows.map((r) => r[file.header.indexOf(name)]);

  it("gives an analyst masked contacts, none of an A-class archive's, and no hidden columns", async () => {
    const analyst = await makeUser(server.ds, RoleName.ANALYST);
    const opts: GqlOptions = { role: RoleName.ANALYST, userId: analyst.id };
    const { url } = expectNoErrors((await send(server, ExportContactsDocument, {}, opts)).body).exportContacts;
    const file = await download(url);
    expect(column(file, '客户名称')).toEqual(['公开客户']);
    expect(column(file, '联系人')).toEqual(['张**']);
    expect(column(file, '手机')).toEqual(['139****5678']);
    expect(file.header).not.toContain('兴趣爱好');
    expect(await server.ds.getRepository(ExportRecord).findOneByOrFail({ userId: analyst.id })).toMatchObject({
      recordType: 'contacts',
      rowCount: 1,
      complete: true,
    });
  });

  it('gives a rep no trades of an A-class archive, and a manager them with the reads in the read audit', async () => {
    const repFile = await download(
      expectNoErrors((await send(server, ExportTradesDocument, {}, { role: RoleName.SALES_REP, userId: rep.id })).body)
        .exportTrades.url,
    );
    expect(column(repFile, '交易编号')).toEqual(['T-OPEN-1']);

    const manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    const managerFile = await download(
      expectNoErrors(
        (
          await send(
            server,
            ExportTradesDocument,
            { filter: { kind: ['ORDER'] } },
            { role: RoleName.SALES_MANAGER, userId: manager.id },
          )
        ).body,
      ).exportTrades.url,
    );
    expect(column(managerFile, '交易编号').sort()).toEqual(['T-A-1', 'T-OPEN-1']);
    const audits = await server.ds.getRepository(ReadAudit).findBy({ userId: manager.id });
    expect(audits.map((a) => [a.customerId, a.kind])).toEqual([[classA.id, 'A_CLASS_ARCHIVE']]);
    const record = await server.ds.getRepository(ExportRecord).findOneByOrFail({ userId: manager.id });
    expect(record).toMatchObject({ recordType: 'trades', rowCount: 2, requestId: audits[0].requestId });
    expect(JSON.parse(record.filter)).toEqual({ kind: ['ORDER'] });
  });
});

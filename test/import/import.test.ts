import fs from 'node:fs';
import path from 'node:path';
import { RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus } from '../../src/customers/customer.enums';
import { ChangeHistory } from '../../src/outbox/change-history.entity';
import { type User } from '../../src/users/user.entity';
import { describeEachDialect } from '../support/db';
import { makeCustomer, makeUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { CHUNK_ROWS, type ImportProgress, ImportService } from '../../src/import/import.service';
import { createSchema } from '../../src/server/schema';
import { runImport } from './cli';
import { creditCode, readReport, writeCsv, writeXlsx } from './files';

/**
 * npm run import of a 客户资料表 as a sales assistant works: a workbook with a title row,
 * Chinese headers and formats, a refused row; fixed and imported again; imported once more
 * with nothing left to change.
 */
describeEachDialect('import customers', (dialect) => {
  let server: TestServer;
  let rep: User;
  let manager: User;
  let dir: string;
  let n = 0;
  const token = (user: User, role: RoleName) => server.token(role, user.id);
  const byName = (name: string) => server.ds.getRepository(Customer).findOneBy({ name });
  const eventCount = () => server.ds.getRepository(ChangeEvent).count();
  const file = (name: string) => path.join(dir, `${++n}-${name}`);

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP, { name: `录入员${process.pid}` });
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    dir = fs.mkdtempSync(path.join(server.db.dataDir, 'files-'));
  });
  afterAll(() => server.stop());

  it('imports a workbook all or nothing, reports each refused cell, and is idempotent once fixed', async () => {
    const xlsx = file('客户资料表.xlsx');
    const code1 = creditCode();
    const code2 = creditCode();
    const header = [
      '客户名称',
      '统一社会信用代码',
      '客户类型',
      '所属区域',
      '城市',
      '注册资本(万元)',
      '成立日期',
      '电子邮箱',
      '业务员',
      '备用栏',
    ];
    const rows = (founded: string) => [
      ['客户资料表', null, null, null, null, null, null, null, null, null],
      header,
      [`导入甲${n}有限公司`, code1, '企业', '华东', '杭州', '1,200', '2024年3月5日', 'a@example.com', rep.name, '随便'],
      [`导入乙${n}有限公司`, code2, '企业', null, '宁波', '0.5', founded, 'not-an-email', rep.name, null],
    ];
    await writeXlsx(xlsx, rows('2024/3/5'), ['D3:D4']);
    const before = await eventCount();
    const repToken = await token(rep, RoleName.SALES_REP);

    const first = await runImport(server, [xlsx, '--token', repToken]);
    expect(first.code).toBe(1);
    expect(first.out).toContain('nothing stored');
    expect(first.out).toContain('unknown columns, not imported: 备用栏');
    // Nothing of a refused file is kept: no archive, no event.
    expect(await byName(`导入甲${n}有限公司`)).toBeNull();
    expect(await eventCount()).toBe(before);
    const report = await readReport(xlsx.replace(/\.xlsx$/, '.report.csv'));
    expect(report).toEqual([['4', '电子邮箱', expect.stringMatching(/email/)]]);

    // The refused cell fixed: both rows go in, the merged 所属区域 filled down to row 4.
    fs.rmSync(xlsx);
    const fixed = rows('2024/3/5');
    fixed[3][7] = 'b@example.com';
    await writeXlsx(xlsx, fixed, ['D3:D4']);
    const second = await runImport(server, [xlsx, '--token', repToken]);
    expect(second.code).toBe(0);
    // Not a terminal: plain progress lines, no bar.
    expect(second.err).toMatch(/^2 rows \(100%\), 0 refused, [\d,]+ rows\/s/);
    expect(second.out).toMatch(/2 rows — 2 created, 0 updated, 0 unchanged, 0 refused/);
    const a = await byName(`导入甲${n}有限公司`);
    expect(a).toMatchObject({
      creditCode: code1,
      region: 'EAST',
      registeredCapital: expect.stringMatching(/^12000000(\.00)?$/),
      foundedOn: '2024-03-05',
      status: ArchiveStatus.PENDING_APPROVAL,
      ownerId: rep.id,
      createdById: rep.id,
    });
    expect(await byName(`导入乙${n}有限公司`)).toMatchObject({
      region: 'EAST',
      registeredCapital: expect.stringMatching(/^5000(\.00)?$/),
    });
    // One change event and one history entry per created archive, naming the file and line.
    const events = await server.ds.getRepository(ChangeEvent).find({ where: { customerId: a!.id } });
    expect(events.map((e) => e.operation)).toEqual(['CREATED']);
    const history = await server.ds
      .getRepository(ChangeHistory)
      .find({ where: { recordId: a!.id, recordType: 'Customer' } });
    expect(history.map((h) => h.note)).toEqual([`导入 ${path.basename(xlsx)} 第3行`]);

    // The same file again: every row found by its credit code, nothing written.
    const afterSecond = await eventCount();
    const third = await runImport(server, [xlsx, '--token', repToken]);
    expect(third.out).toMatch(/2 rows — 0 created, 0 updated, 2 unchanged, 0 refused/);
    expect(await eventCount()).toBe(afterSecond);
  });

  it('keeps the good rows with --partial, and stores nothing on --dry-run', async () => {
    const csv = file('list.csv');
    writeCsv(csv, [
      ['name', 'creditCode', 'kind', 'region', 'foundedOn'],
      [`部分甲${n}公司`, creditCode(), 'ENTERPRISE', 'EAST', '2020-01-01'],
      [`部分乙${n}公司`, creditCode(), 'ENTERPRISE', '火星', '2020-01-01'],
    ]);
    const repToken = await token(rep, RoleName.SALES_REP);
    const before = await eventCount();
    const dry = await runImport(server, [csv, '--dry-run', '--partial', '--token', repToken]);
    expect(dry.out).toContain('dry run: nothing stored');
    expect(dry.out).toMatch(/1 created.*1 refused/);
    expect(await byName(`部分甲${n}公司`)).toBeNull();
    expect(await eventCount()).toBe(before);

    const partial = await runImport(server, [csv, '--partial', '--token', repToken]);
    expect(partial.code).toBe(1);
    expect(partial.out).toContain('stored the good rows (--partial)');
    expect(await byName(`部分甲${n}公司`)).not.toBeNull();
    expect(await byName(`部分乙${n}公司`)).toBeNull();
    expect(await readReport(csv.replace(/\.csv$/, '.report.csv'))).toEqual([
      ['3', 'region', expect.stringContaining('"火星" is not one of')],
    ]);
  });

  it('makes imported and renamed archives findable by the search (its gram index)', async () => {
    const draft = await makeCustomer(server.ds, {
      name: `导入前旧名${dialect}${n}公司`,
      ownerId: rep.id,
      status: ArchiveStatus.PENDING_APPROVAL,
      createdById: rep.id,
    });
    const csv = file('search.csv');
    writeCsv(csv, [
      ['archiveNo', 'name', 'shortName', 'kind'],
      [draft.archiveNo, `导入后新名${dialect}${n}公司`, null, 'ENTERPRISE'],
      [null, `新导入的客户${dialect}${n}公司`, `导入简称${dialect}${n}`, 'ENTERPRISE'],
    ]);
    const result = await runImport(server, [csv, '--token', await token(rep, RoleName.SALES_REP)]);
    expect(result.out).toMatch(/1 created.*1 updated|1 updated.*1 created/);
    const search = async (q: string) =>
      (
        (
          await server.gql<{ customers: { edges: { node: { name: string } }[] } }>(
            'query($q: String!) { customers(first: 10, filter: { search: $q }) { edges { node { name } } } }',
            { q },
            { role: 'general_manager' },
          )
        ).body.data?.customers.edges ?? []
      ).map((e) => e.node.name);
    expect(await search(`导入前旧名${dialect}${n}`)).toEqual([]);
    expect(await search(`后新名${dialect}${n}`)).toEqual([`导入后新名${dialect}${n}公司`]);
    expect(await search(`导入简称${dialect}${n}`)).toEqual([`新导入的客户${dialect}${n}公司`]);
  });

  it('reads GBK files, Chinese amounts and dates, and updates an archive found by its number', async () => {
    const mine = await makeCustomer(server.ds, {
      ownerId: rep.id,
      status: ArchiveStatus.PENDING_APPROVAL,
      createdById: rep.id,
    });
    const csv = file('gbk.csv');
    writeCsv(
      csv,
      [
        ['档案编号', '客户名称', '电话', '员工数量', '成立日期'],
        [mine.archiveNo, mine.name, '0571-88886666', '1,200人', '2019.7.1'],
      ],
      'gbk',
    );
    const result = await runImport(server, [csv, '--token', await token(rep, RoleName.SALES_REP)]);
    expect(result.out).toContain('GB18030 (GBK)');
    expect(result.out).toMatch(/1 updated/);
    const row = await server.ds.getRepository(Customer).findOneByOrFail({ id: mine.id });
    expect(row).toMatchObject({
      phone: '0571-88886666',
      employeeCount: 1200,
      foundedOn: '2019-07-01',
      version: mine.version + 1,
    });
    const events = await server.ds.getRepository(ChangeEvent).find({ where: { customerId: mine.id } });
    expect(events.map((e) => [e.operation, e.changedFields.split(',')])).toEqual([
      ['UPDATED', expect.arrayContaining(['phone', 'employeeCount', 'foundedOn'])],
    ]);
  });

  it("holds each row to the importer's write rights, as the mutations do", async () => {
    const target = await makeCustomer(server.ds, { ownerId: rep.id, creditLimit: '100000.00' });
    const csv = file('credit.csv');
    writeCsv(csv, [
      ['档案编号', '信用等级', '信用额度'],
      [target.archiveNo, 'AA', '5万'],
    ]);
    const asRep = await runImport(server, [csv, '--token', await token(rep, RoleName.SALES_REP)]);
    expect(asRep.code).toBe(1);
    const report = await readReport(csv.replace(/\.csv$/, '.report.csv'));
    expect(report.map(([line, column]) => [line, column])).toEqual([
      ['2', '信用等级'],
      ['2', '信用额度'],
    ]);
    expect(report[1][2]).toMatch(/may not update Customer with creditLimit/);

    const finance = await makeUser(server.ds, RoleName.FINANCE);
    const asFinance = await runImport(server, [csv, '--token', await token(finance, RoleName.FINANCE)]);
    expect(asFinance.out).toMatch(/1 updated/);
    expect(await server.ds.getRepository(Customer).findOneByOrFail({ id: target.id })).toMatchObject({
      creditLevel: 'AA',
      creditLimit: expect.stringMatching(/^50000(\.00)?$/),
    });
  });

  it("answers a hidden archive's number exactly as a number that does not exist", async () => {
    const hidden = await makeCustomer(server.ds, {
      abcClass: AbcClass.A,
      ownerId: manager.id,
      creditCode: creditCode(),
    });
    const csv = file('hidden.csv');
    writeCsv(csv, [
      ['档案编号', '客户名称', '电话'],
      [hidden.archiveNo, hidden.name, '010-1'],
      ['NO-SUCH-1', hidden.name, '010-1'],
    ]);
    await runImport(server, [csv, '--partial', '--token', await token(rep, RoleName.SALES_REP)]);
    const [a, b] = await readReport(csv.replace(/\.csv$/, '.report.csv'));
    expect(a.slice(1)).toEqual(b.slice(1));

    // Its credit code names no archive the rep can see: a new draft, as createCustomer makes one.
    const csv2 = file('hidden-code.csv');
    writeCsv(csv2, [
      ['客户名称', '统一社会信用代码', '客户类型'],
      [`隐藏重复${n}公司`, hidden.creditCode, '企业'],
    ]);
    const result = await runImport(server, [csv2, '--token', await token(rep, RoleName.SALES_REP)]);
    expect(result.out).toMatch(/1 created/);
    expect(await server.ds.getRepository(Customer).findOneByOrFail({ id: hidden.id })).toMatchObject({
      name: hidden.name,
      version: hidden.version,
    });
  });

  it('reads, checks and writes a long file a chunk at a time as it streams in', async () => {
    const csv = file('long.csv');
    // 1 KB a row (an unknown column pads it): a file several times what the stream stages buffer.
    const rows: (string | null)[][] = [['客户名称', '客户类型', '所属区域', '通讯地址', '旧系统备注']];
    for (let i = 0; i < 12 * CHUNK_ROWS; i++)
      rows.push([`流式${n}-${i}有限公司`, '企业', '华北', `北京市某区某路${i}号`, 'x'.repeat(1000)]);
    writeCsv(csv, rows);
    const seen: ImportProgress[] = [];
    const viewer = { userId: rep.id, subject: String(rep.id), roles: [RoleName.SALES_REP] };
    const summary = await new ImportService(server.ds).importFile(viewer, csv, await createSchema(), {
      type: 'customers',
      dryRun: true,
      onProgress: (p) => seen.push(p),
    });
    expect(summary).toMatchObject({ rows: 12 * CHUNK_ROWS, created: 12 * CHUNK_ROWS, committed: false });
    // One report per chunk, the first while most of the file is still unread.
    expect(seen.map((p) => p.rows)).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * CHUNK_ROWS));
    expect(seen[0].bytes).toBeLessThan(seen[0].totalBytes / 2);
    expect(seen[11].bytes).toBe(seen[11].totalBytes);
  });

  it('refuses a file it cannot read as a whole, naming why, and stores nothing', async () => {
    const csv = file('noheader.csv');
    writeCsv(csv, [
      ['甲', '乙'],
      ['1', '2'],
    ]);
    const result = await runImport(server, [csv, '--token', await token(rep, RoleName.SALES_REP)]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('no header row');
    const usage = await runImport(server, [csv]);
    expect(usage).toMatchObject({ code: 2, err: expect.stringContaining('usage:') });
    const refused = await runImport(server, [csv, '--token', 'not-a-token']);
    expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('the token was refused') });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { RoleName } from '../../src/auth/roles';
import { ReadAudit } from '../../src/audit/read-audit.entity';
import { AbcClass } from '../../src/customers/customer.enums';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { exportCli } from '../../src/export/export.cli';
import { ExportRecord } from '../../src/export/export-record.entity';
import { type User } from '../../src/users/user.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer, makeUser } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { captured, cliEnv, runImport } from '../import/cli';

/** npm run export: what the caller's role may read, as a query would show it, recorded. */
describeEachDialect('export', (dialect) => {
  let server: TestServer;
  let rep: User;
  let manager: User;
  let dir: string;
  let n = 0;
  const industry = () => `出口测试${process.pid}-${++n}`;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    dir = fs.mkdtempSync(path.join(server.db.dataDir, 'exports-'));
  });
  afterAll(() => server.stop());

  async function runExport(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = captured();
    const stderr = captured();
    const code = await exportCli(args, { stdout, stderr }, cliEnv(server));
    return { code, out: stdout.text(), err: stderr.text() };
  }
  const readCsv = (file: string): string[][] => parse(fs.readFileSync(file), { bom: true });

  it("leaves out A-class archives and credit columns beyond the rep's role; records the export", async () => {
    const tag = industry();
    const visible = await makeCustomer(server.ds, { industry: tag, ownerId: rep.id, creditLimit: '123456.00' });
    await makeCustomer(server.ds, { industry: tag, abcClass: AbcClass.A });
    const file = path.join(dir, 'rep.csv');
    const filter = JSON.stringify({ industry: tag });
    const result = await runExport([
      'customers',
      '--filter',
      filter,
      '--out',
      file,
      '--token',
      await server.token(RoleName.SALES_REP, rep.id),
    ]);
    expect(result).toMatchObject({ code: 0, out: `exported 1 customers to ${file}\n` });
    const raw = fs.readFileSync(file);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = readCsv(file);
    expect(header.slice(0, 3)).toEqual(['档案编号', '客户名称', '简称']);
    expect(header).not.toContain('信用额度');
    expect(header).toContain('业务员');
    expect(rows).toHaveLength(1);
    expect(rows[0][header.indexOf('档案编号')]).toBe(visible.archiveNo);
    expect(rows[0][header.indexOf('所属区域')]).toBe('华东');
    expect(rows[0][header.indexOf('业务员')]).toBe(rep.name);

    expect(await server.ds.getRepository(ExportRecord).findOneByOrFail({ filter })).toMatchObject({
      subject: String(rep.id),
      userId: rep.id,
      roles: 'sales_rep',
      recordType: 'customers',
      format: 'csv',
      rowCount: 1,
      complete: true,
    });
  });

  it("gives a manager credit columns and A-class rows, each one's reads in the read audit", async () => {
    const tag = industry();
    const a = await makeCustomer(server.ds, { industry: tag, abcClass: AbcClass.A, creditLimit: '500000.00' });
    const b = await makeCustomer(server.ds, { industry: tag, abcClass: AbcClass.B, creditLimit: '1000.00' });
    const file = path.join(dir, 'manager.xlsx');
    const result = await runExport([
      'customers',
      '--filter',
      JSON.stringify({ industry: tag }),
      '--format',
      'xlsx',
      '--headers',
      'en',
      '--out',
      file,
      '--token',
      await server.token(RoleName.SALES_MANAGER, manager.id),
    ]);
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['archiveNo', 'creditLimit', 'abcClass']));
    const byNo = new Map<unknown, unknown[]>();
    for (let r = 2; r <= sheet.rowCount; r++) {
      const values = (sheet.getRow(r).values as unknown[]).slice(1);
      byNo.set(values[header.indexOf('archiveNo')], values);
    }
    expect(byNo.get(a.archiveNo)?.[header.indexOf('creditLimit')]).toMatch(/^500000(\.00)?$/);
    expect(byNo.get(b.archiveNo)?.[header.indexOf('abcClass')]).toBe('B');
    const audits = await server.ds.getRepository(ReadAudit).findBy({ userId: manager.id });
    const of = (customerId: number) =>
      audits
        .filter((x) => x.customerId === customerId)
        .map((x) => x.kind)
        .sort();
    expect(of(a.id)).toEqual(['A_CLASS_ARCHIVE', 'CREDIT_FIELDS']);
    expect(of(b.id)).toEqual(['CREDIT_FIELDS']);
  });

  it("masks contacts' personal data for an analyst as the contacts query does", async () => {
    const customer = await makeCustomer(server.ds, { ownerId: rep.id });
    await makeContact(server.ds, customer.id, { name: '张三丰', mobile: '13912345678', hobbies: '钓鱼' });
    const file = path.join(dir, 'contacts.csv');
    const analyst = await makeUser(server.ds, RoleName.ANALYST);
    const filter = JSON.stringify({ customerId: gid('Customer', customer.id) });
    const result = await runExport([
      'contacts',
      '--filter',
      filter,
      '--out',
      file,
      '--token',
      await server.token(RoleName.ANALYST, analyst.id),
    ]);
    expect(result.err).toBe('');
    const [header, row] = readCsv(file);
    expect(header).not.toContain('兴趣爱好');
    expect(row[header.indexOf('联系人')]).toBe('张**');
    expect(row[header.indexOf('手机')]).toBe('139****5678');
  });

  it('imports its own export back with nothing to change', async () => {
    const tag = industry();
    await makeCustomer(server.ds, {
      industry: tag,
      ownerId: rep.id,
      foundedOn: '2001-02-03',
      registeredCapital: '1234567.89',
      phone: '010-12345678',
    });
    await makeCustomer(server.ds, { industry: tag, ownerId: rep.id, email: 'x@example.com', starRating: 3 });
    const file = path.join(dir, 'roundtrip.csv');
    const token = await server.token(RoleName.SALES_REP, rep.id);
    expect(
      (await runExport(['customers', '--filter', JSON.stringify({ industry: tag }), '--out', file, '--token', token]))
        .code,
    ).toBe(0);
    const events = await server.ds.getRepository(ChangeEvent).count();
    const back = await runImport(server, [file, '--token', token]);
    expect(back.out).toMatch(/2 rows — 0 created, 0 updated, 2 unchanged, 0 refused/);
    expect(back.out).toContain('read-only columns, left as they are');
    expect(await server.ds.getRepository(ChangeEvent).count()).toBe(events);
  });

  it('pages through more rows than one page holds, each row once', async () => {
    const tag = industry();
    const made = [];
    for (let i = 0; i < 230; i++) made.push(await makeCustomer(server.ds, { industry: tag }));
    const file = path.join(dir, 'pages.csv');
    const filter = JSON.stringify({ industry: tag });
    expect(
      (
        await runExport([
          'customers',
          '--filter',
          filter,
          '--out',
          file,
          '--token',
          await server.token(RoleName.SALES_MANAGER, manager.id),
        ])
      ).code,
    ).toBe(0);
    const [header, ...rows] = readCsv(file);
    expect(rows.map((r) => r[header.indexOf('档案编号')]).sort()).toEqual(made.map((c) => c.archiveNo).sort());
    expect(await server.ds.getRepository(ExportRecord).findOneByOrFail({ filter })).toMatchObject({
      rowCount: 230,
      complete: true,
    });
  });

  it('refuses a filter the list query refuses, and writes no file', async () => {
    const file = path.join(dir, 'bad.csv');
    const result = await runExport([
      'customers',
      '--filter',
      '{"region":["MARS"]}',
      '--out',
      file,
      '--token',
      await server.token(RoleName.SALES_REP, rep.id),
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/filter/);
    expect(fs.existsSync(file)).toBe(false);
  });
});

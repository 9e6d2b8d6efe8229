import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { RoleName } from '../../src/auth/roles';
import { AbcClass } from '../../src/customers/customer.enums';
import { ExportRecord } from '../../src/export/export-record.entity';
import { type User } from '../../src/users/user.entity';
import { ExportCustomersDocument } from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { makeCustomer, makeUser } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/** exportCustomers: a link to the caller's own view of the customers, streamed when opened. */
describeEachDialect('exportCustomers', (dialect) => {
  let server: TestServer;
  let rep: User;
  let repOpts: GqlOptions;
  let now = Date.now();
  const tag = `链接导出${process.pid}`;

  beforeAll(async () => {
    server = await startTestServer(dialect, { now: () => now });
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    repOpts = { role: RoleName.SALES_REP, userId: rep.id };
    await makeCustomer(server.ds, { industry: tag, ownerId: rep.id, name: `${tag}乙公司` });
    await makeCustomer(server.ds, { industry: tag, abcClass: AbcClass.A, name: `${tag}甲公司` });
  });
  afterAll(() => server.stop());

  const link = async (opts: GqlOptions, variables: Record<string, unknown>) =>
    expectNoErrors((await send(server, ExportCustomersDocument, variables as never, opts)).body).exportCustomers;

  it("streams the rep's view as CSV, without A-class rows or credit columns, and records it", async () => {
    const { url, expiresAt } = await link(repOpts, { filter: { industry: tag, region: ['EAST'] } });
    expect(url).toMatch(/^\/exports\/[\w.-]+$/);
    expect(Date.parse(expiresAt) - now).toBeLessThanOrEqual(300_000);
    const res = await fetch(server.baseUrl + url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    const [header, ...rows] = parse(Buffer.from(await res.arrayBuffer()), { bom: true }) as string[][];
    expect(rows.map((r) => r[header.indexOf('客户名称')])).toEqual([`${tag}乙公司`]);
    expect(header).not.toContain('信用额度');
    const record = await server.ds.getRepository(ExportRecord).findOneByOrFail({ userId: rep.id });
    expect(record).toMatchObject({ recordType: 'customers', rowCount: 1, complete: true });
    expect(JSON.parse(record.filter)).toEqual({ industry: tag, region: ['EAST'] });
  });

  it('gives a manager a workbook with the A-class row and its credit columns', async () => {
    const manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    const { url } = await link(
      { role: RoleName.SALES_MANAGER, userId: manager.id },
      { filter: { industry: tag }, format: 'XLSX', headers: 'EN' },
    );
    const res = await fetch(server.baseUrl + url);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('creditLimit');
    expect(sheet.rowCount).toBe(3);
  });

  it('never delivers a whole file the register could not record', async () => {
    const { url } = await link(repOpts, { filter: { industry: tag } });
    await server.ds.query(
      dialect === 'mysql'
        ? "CREATE TRIGGER refuse_export BEFORE INSERT ON export_record FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'register down'"
        : "CREATE TRIGGER refuse_export BEFORE INSERT ON export_record BEGIN SELECT RAISE(ABORT, 'register down'); END",
    );
    try {
      // The rows may have left already (200) or not yet; either way the body never ends normally.
      const download = async () => (await fetch(server.baseUrl + url)).arrayBuffer();
      await expect(download()).rejects.toThrow();
    } finally {
      await server.ds.query('DROP TRIGGER refuse_export');
    }
  });

  it('refuses a forged link, an expired one, and a bad filter', async () => {
    const { url } = await link(repOpts, { filter: { industry: tag } });
    const forged = await fetch(`${server.baseUrl}${url.slice(0, -2)}xx`);
    expect(forged.status).toBe(404);
    now += 301_000;
    try {
      const late = await fetch(server.baseUrl + url);
      expect(late.status).toBe(410);
      expect(await late.json()).toMatchObject({ errors: [{ extensions: { code: 'LINK_EXPIRED' } }] });
    } finally {
      now -= 301_000;
    }
    const bad = await send(server, ExportCustomersDocument, { filter: { search: 'x'.repeat(65) } }, repOpts);
    expect(errorCodes(bad.body)).toEqual(['BAD_USER_INPUT']);
  });
});

import { ReadAudit } from '../../src/audit/read-audit.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer } from '../support/factories';
import { CountingLogger } from '../support/query-counter';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

/**
 * The read audit of a request is one INSERT. On MySQL that statement is atomic by itself, so
 * it runs without BEGIN and COMMIT (issue 17: two more round trips for every audited read).
 * SQLite's writes go through its write queue (db/transaction.ts) as before.
 */
describeEachDialect('read audit statements', (dialect) => {
  let server: TestServer;
  const sql = new CountingLogger();
  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: sql });
  });
  afterAll(() => server.stop());

  it('stores the audit of a credit read in one INSERT', async () => {
    const c = await makeCustomer(server.ds);
    sql.reset();
    const { body } = await server.gql(
      `{ customer(id: "${gid('Customer', c.id)}") { name creditLimit } }`,
      {},
      { role: 'general_manager', headers: { 'x-request-id': 'audit-statements-1' } },
    );
    expectNoErrors(body);
    const audit = sql.all.filter((q) => /read_audit/i.test(q));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatch(/^INSERT INTO read_audit/);
    if (dialect === 'mysql') expect(sql.all.filter((q) => /^(START TRANSACTION|BEGIN|COMMIT)/i.test(q))).toEqual([]);
    const rows = await server.ds.getRepository(ReadAudit).findBy({ customerId: c.id });
    expect(rows.map((r) => [r.kind, r.fields, r.requestId])).toEqual([
      ['CREDIT_FIELDS', 'creditLimit', 'audit-statements-1'],
    ]);
  });
});

import { AuditWriter, type ReadAuditRow } from '../../src/auth/audit-writer';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';

/**
 * The read audit of one request can be large: a general manager's customerStats over a million
 * archives records each of the 200,000 A-class ones it totalled (stats.service.ts). The writer
 * takes such a batch whole (it once spread it into one call's arguments and threw).
 */
describeEachDialect('audit writer', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
  });
  afterAll(() => db.drop());

  it('stores a request of 200,000 audit rows', async () => {
    const rows: ReadAuditRow[] = Array.from({ length: 200_000 }, (_, i) => ({
      subject: 'u1',
      userId: null,
      roles: 'general_manager',
      customerId: i + 1,
      archiveNo: `A${i}`,
      kind: 'A_CLASS_ARCHIVE',
      fields: 'CustomerStats',
      grantId: null,
      requestId: 'big-request',
    }));
    await new AuditWriter(db.ds).write(rows);
    const [{ n }] = await db.ds.query("SELECT COUNT(*) AS n FROM read_audit WHERE request_id = 'big-request'");
    expect(Number(n)).toBe(200_000);
  });
});

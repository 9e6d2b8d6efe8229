/**
 * `customer(id)` reads only the columns the request asks, plus what the rules and the merge
 * redirect need, as the lists do (issue 17: the detail screen read all 64 columns).
 */
import { ReadAudit } from '../../src/audit/read-audit.entity';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus } from '../../src/customers/customer.enums';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer } from '../support/factories';
import { CountingLogger } from '../support/query-counter';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

const isCustomerRead = (sql: string) => /^SELECT[\s\S]*FROM [`"]customer[`"]/i.test(sql);

describeEachDialect('customer(id) reads the asked columns', (dialect) => {
  let server: TestServer;
  const counter = new CountingLogger();
  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: counter });
  });
  afterAll(() => server.stop());

  const lookup = async (id: number, fields: string) => {
    counter.reset();
    const { body } = await server.gql<{ customer: Record<string, unknown> | null }>(
      `query ($id: ID!) { customer(id: $id) { ${fields} } }`,
      { id: gid('Customer', id) },
      { role: 'general_manager' },
    );
    return { customer: expectNoErrors(body).customer, reads: counter.queries.filter(isCustomerRead) };
  };

  it('selects the asked columns, the owner key and the rules columns, and no other', async () => {
    const c = await makeCustomer(server.ds, { businessScope: '电子元件', creditLimit: '250000.00' });
    const { customer, reads } = await lookup(c.id, 'name creditLimit owner { id }');
    expect(customer).toEqual({ name: c.name, creditLimit: '250000.00', owner: null });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/credit_limit/);
    expect(reads[0]).toMatch(/owner_id/);
    expect(reads[0]).toMatch(/abc_class/);
    expect(reads[0]).not.toMatch(/business_scope|credit_assessment|bank_account/);
  });

  it('reads every column when a field is computed from columns it does not name', async () => {
    const c = await makeCustomer(server.ds, { businessScope: '电子元件' });
    const { customer, reads } = await lookup(c.id, 'name daysSinceLastOrder');
    expect(customer).toMatchObject({ name: c.name });
    expect(reads[0]).toMatch(/business_scope/);
  });

  it('still answers a merged duplicate with the archive it was merged into', async () => {
    const survivor = await makeCustomer(server.ds);
    const merged = await makeCustomer(server.ds);
    await server.ds
      .getRepository(Customer)
      .update(merged.id, { status: ArchiveStatus.MERGED, mergedIntoId: survivor.id });
    const { customer } = await lookup(merged.id, 'id name');
    expect(customer).toEqual({ id: gid('Customer', survivor.id), name: survivor.name });
  });

  it('records the read of an A-class archive with the fields asked', async () => {
    const c = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    await lookup(c.id, 'name city');
    const [audit] = await server.ds
      .getRepository(ReadAudit)
      .find({ where: { customerId: c.id }, order: { id: 'DESC' }, take: 1 });
    expect(audit.archiveNo).toBe(c.archiveNo);
    expect(audit.fields.split(',').sort()).toEqual(['city', 'name']);
  });
});

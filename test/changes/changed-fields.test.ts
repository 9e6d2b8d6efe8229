/**
 * `changedFields` of the change feed names only fields the caller may read, by the same rules
 * as their values, under their API names; an update that changes nothing is no change at all.
 */
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { cursorOf } from '../../src/changes/hydrate';
import { Customer } from '../../src/customers/customer.entity';
import { RoleName } from '../../src/auth/roles';
import type { Role } from '../../src/auth/roles';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer, makeTrade, makeUser } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';

type Changes = {
  changes: { edges: { node: { recordType: string; recordId: string; operation: string; changedFields: string[] } }[] };
};
const CHANGES = `query($after: String) { changes(after: $after, first: 100) { edges { node { recordType recordId operation changedFields } } } }`;

describeEachDialect('changedFields and updates that change nothing', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const gm = { role: 'general_manager' as const };
  const lastSeq = async () => Number((await server.ds.query('SELECT last FROM change_sequence WHERE id = 1'))[0].last);

  /** What each caller's feed says about the events after `from`: [recordType, operation, changedFields] per event. */
  async function feedAfter(from: number, opts: GqlOptions) {
    const body = expectNoErrors((await server.gql<Changes>(CHANGES, { after: cursorOf(from) }, opts)).body);
    return body.changes.edges.map(({ node }): [string, string, string[]] => [
      node.recordType,
      node.operation,
      [...node.changedFields].sort(),
    ]);
  }

  async function mutate(doc: string, input: Record<string, unknown>, opts: GqlOptions = gm) {
    return expectNoErrors((await server.gql<Record<string, Record<string, unknown>>>(doc, { input }, opts)).body);
  }

  it('names credit fields only to roles that read them, and foreign keys by their relation', async () => {
    const c = await makeCustomer(server.ds);
    const owner = await makeUser(server.ds, RoleName.SALES_REP);
    const from = await lastSeq();
    // A manager's profile and owner change, then finance's credit setting (the write table splits them).
    await mutate(`mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id } }`, {
      id: gid('Customer', c.id),
      version: c.version,
      shortName: '字段规则',
      ownerId: gid('User', owner.id),
    });
    await mutate(
      `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id } }`,
      { id: gid('Customer', c.id), version: c.version + 1, creditLimit: '50000' },
      { role: 'finance' },
    );
    expect(await feedAfter(from, gm)).toEqual([
      ['CUSTOMER', 'UPDATED', ['owner', 'shortName']],
      ['CUSTOMER', 'UPDATED', ['creditLimit']],
    ]);
    for (const role of ['partner', 'analyst', 'sales_rep', 'archive_admin'] as Role[]) {
      expect(await feedAfter(from, { role, userId: owner.id })).toEqual([
        ['CUSTOMER', 'UPDATED', ['owner', 'shortName']],
        ['CUSTOMER', 'UPDATED', []],
      ]);
    }
  });

  it("names a contact's personal fields as the caller's view of that contact shows them", async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const own = await makeCustomer(server.ds, { ownerId: rep.id });
    const other = await makeCustomer(server.ds);
    const contacts = [await makeContact(server.ds, own.id), await makeContact(server.ds, other.id)];
    const from = await lastSeq();
    for (const k of contacts) {
      await mutate(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { id } }`, {
        id: gid('Contact', k.id),
        version: k.version,
        title: '采购经理',
        mobile: '13812345678',
        hobbies: '围棋',
      });
    }
    const full = ['hobbies', 'mobile', 'title'];
    const masked = ['mobile', 'title']; // hobbies are hidden, not masked, from a masked view
    const expectFeed = async (opts: GqlOptions, forOwn: string[], forOther: string[]) =>
      expect(await feedAfter(from, opts)).toEqual([
        ['CONTACT', 'UPDATED', forOwn],
        ['CONTACT', 'UPDATED', forOther],
      ]);
    await expectFeed(gm, full, full);
    await expectFeed({ role: 'finance' }, masked, masked);
    await expectFeed({ role: 'partner' }, ['title'], ['title']);
    await expectFeed({ role: 'sales_rep', userId: rep.id }, full, masked);
  });

  it('filters CREATED events the same way: every readable field, none of the internal columns', async () => {
    const from = await lastSeq();
    await mutate(`mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`, {
      name: '新建字段公司',
      kind: 'ENTERPRISE',
    });
    const [[, , forGm]] = await feedAfter(from, gm);
    const [[, , forPartner]] = await feedAfter(from, { role: 'partner' });
    expect(forGm).toEqual(
      expect.arrayContaining(['name', 'owner', 'creditLimit', 'outstandingBalance', 'bankAccount']),
    );
    expect(forPartner).toEqual(expect.arrayContaining(['name', 'owner', 'archiveNo']));
    for (const hidden of ['creditLimit', 'outstandingBalance', 'bankAccount', 'creditLevel', 'lastCreditReviewAt'])
      expect(forPartner).not.toContain(hidden);
    for (const internal of ['ownerId', 'approvedById', 'createdById', 'nameKey', 'creditCodeKey', 'tradeSeq'])
      expect(forGm).not.toContain(internal);
    expect(forGm.filter((f) => !forPartner.includes(f)).sort()).toEqual([
      'bankAccount',
      'bankName',
      'creditAssessment',
      'creditLevel',
      'creditLimit',
      'creditTermDays',
      'lastCreditReviewAt',
      'outstandingBalance',
      'paymentTerms',
    ]);
  });

  it('writes nothing, emits nothing and answers the record as it is for an update that changes nothing', async () => {
    const owner = await makeUser(server.ds, RoleName.SALES_REP);
    const c = await makeCustomer(server.ds, { name: '不变公司', ownerId: owner.id, creditLimit: '5000.00' });
    const before = await server.ds.getRepository(Customer).findOneByOrFail({ id: c.id });
    const events = await server.ds.getRepository(ChangeEvent).count();
    const same = {
      id: gid('Customer', c.id),
      version: before.version,
      name: '不变公司',
      ownerId: gid('User', owner.id),
    };
    const answer = await mutate(
      `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id name version updatedAt creditLimit } }`,
      same,
    );
    expect(answer.updateCustomer).toEqual({
      id: same.id,
      name: '不变公司',
      version: before.version,
      updatedAt: before.updatedAt.toISOString(),
      creditLimit: '5000.00',
    });
    const sameLimit = await mutate(
      `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version creditLimit } }`,
      { id: same.id, version: before.version, creditLimit: '5000' },
      { role: 'finance' },
    );
    expect(sameLimit.updateCustomer).toEqual({ version: before.version, creditLimit: '5000.00' });
    const after = await server.ds.getRepository(Customer).findOneByOrFail({ id: c.id });
    expect([after.version, after.updatedAt.getTime()]).toEqual([before.version, before.updatedAt.getTime()]);
    expect(await server.ds.getRepository(ChangeEvent).count()).toBe(events);
    // A stale version is refused even when nothing would change.
    const stale = await server.gql(
      `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id } }`,
      { input: { ...same, version: before.version + 1 } },
      gm,
    );
    expect(errorCodes(stale.body)).toEqual(['CONFLICT']);

    const k = await makeContact(server.ds, c.id, { title: '经理' });
    await mutate(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { id } }`, {
      id: gid('Contact', k.id),
      version: k.version,
      title: '经理',
    });
    expect(await server.ds.getRepository(ChangeEvent).count()).toBe(events);
  });

  it("reports a trade's own fields without a customer event when its statistics cannot have moved", async () => {
    const c = await makeCustomer(server.ds);
    const t = await makeTrade(server.ds, c.id, { amount: '100.00' });
    const from = await lastSeq();
    const update = `mutation($input: UpdateTradeInput!) { updateTrade(input: $input) { version } }`;
    // The same amount written differently is no change.
    const same = await mutate(update, { id: gid('Trade', t.id), version: t.version, amount: '100', notes: t.notes });
    expect(same.updateTrade.version).toBe(t.version);
    await mutate(update, { id: gid('Trade', t.id), version: t.version, notes: '改备注' });
    await mutate(update, { id: gid('Trade', t.id), version: t.version + 1, amount: '150' });
    expect(await feedAfter(from, gm)).toEqual([
      ['TRADE', 'UPDATED', ['notes']],
      ['TRADE', 'UPDATED', ['amount']],
      // Issue 15 adds the decline alert's columns to the statistics a trade moves.
      [
        'CUSTOMER',
        'UPDATED',
        ['firstTradeAt', 'lastOrderAt', 'lastTradeAt', 'nextPurchaseDueAt', 'tradeCount', 'tradeTotal'],
      ],
    ]);
  });
});

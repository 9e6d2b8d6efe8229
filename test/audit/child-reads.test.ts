/**
 * 查阅登记 of what belongs to an A-class archive: its contacts (personal data included),
 * trades, complaints and visits are confidential reads however they are reached.
 */
import { ReadAudit } from '../../src/audit/read-audit.entity';
import { cursorOf } from '../../src/changes/hydrate';
import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import { collect, wsClient } from '../changes/ws-client';
import { describeEachDialect } from '../support/db';
import { gid, makeComplaint, makeContact, makeCustomer, makeTrade, makeUser, makeVisit } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

interface Archive {
  customerId: number;
  contact: string;
  trade: string;
  complaint: string;
  visit: string;
}

describeEachDialect('read audit of records under an A-class archive', (dialect) => {
  let server: TestServer;
  let a: Archive;
  let b: Archive;
  let requests = 0;
  let managerId: number;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    // A token's numeric subject must be an active employee.
    managerId = (await makeUser(server.ds, RoleName.SALES_MANAGER)).id;
    const staff = await makeUser(server.ds, RoleName.CUSTOMER_SERVICE);
    const archive = async (abcClass: AbcClass): Promise<Archive> => {
      const c = await makeCustomer(server.ds, { abcClass });
      const contact = await makeContact(server.ds, c.id, { mobile: '13900001111', hobbies: '书法' });
      return {
        customerId: c.id,
        contact: gid('Contact', contact.id),
        trade: gid('Trade', (await makeTrade(server.ds, c.id)).id),
        complaint: gid('Complaint', (await makeComplaint(server.ds, c.id, { contactId: contact.id })).id),
        visit: gid('Visit', (await makeVisit(server.ds, c.id, staff.id, { contactId: contact.id })).id),
      };
    };
    a = await archive(AbcClass.A);
    b = await archive(AbcClass.B);
  });
  afterAll(() => server.stop());

  /** Runs `query` as a sales manager and answers the audit rows it left: archive → kind → fields. */
  async function audited(query: string, variables: Record<string, unknown> = {}) {
    const requestId = `child-reads-${dialect}-${++requests}`;
    expectNoErrors(
      (
        await server.gql(query, variables, {
          role: 'sales_manager',
          userId: managerId,
          headers: { 'x-request-id': requestId },
        })
      ).body,
    );
    return auditsOf(requestId);
  }
  const auditsOf = async (requestId: string) => {
    const rows = await server.ds.getRepository(ReadAudit).findBy({ requestId });
    return Object.fromEntries(rows.map((r) => [`${r.customerId}:${r.kind}`, r.fields.split(',')]));
  };
  const underA = (...fields: string[]) => ({ [`${a.customerId}:A_CLASS_ARCHIVE`]: fields });

  it('records list reads, and nothing for the same records of a B-class archive', async () => {
    const lists = (archive: Archive) =>
      audited(
        `query($c: ID!) {
      contacts(filter: { customerId: $c }) { edges { node { name mobile } } }
      trades(filter: { customerId: $c }) { edges { node { amount } } }
      complaints(filter: { customerId: $c }) { edges { node { content } } }
      visits(filter: { customerId: $c }) { edges { node { subject } } } }`,
        { c: gid('Customer', archive.customerId) },
      );
    expect(await lists(a)).toEqual(
      underA('Complaint.content', 'Contact.mobile', 'Contact.name', 'Trade.amount', 'Visit.subject'),
    );
    expect(await lists(b)).toEqual({});
  });

  it('records lookups by id and by node(id)', async () => {
    expect(
      await audited(
        `query($k: ID!, $t: ID!, $p: ID!, $v: ID!) {
      contact(id: $k) { hobbies } trade(id: $t) { tradeNo } complaint(id: $p) { severity } visit(id: $v) { id } }`,
        { k: a.contact, t: a.trade, p: a.complaint, v: a.visit },
      ),
    ).toEqual(underA('Complaint.severity', 'Contact.hobbies', 'Trade.tradeNo', 'Visit.id'));
    expect(
      await audited(
        `query($k: ID!, $t: ID!) { k: node(id: $k) { ... on Contact { birthday } } t: node(id: $t) { ... on Trade { kind } } }`,
        { k: a.contact, t: a.trade },
      ),
    ).toEqual(underA('Contact.birthday', 'Trade.kind'));
  });

  it('records records reached through relations', async () => {
    // A B-class page read leaves nothing; the A-class contact behind an A-class complaint does.
    expect(await audited(`query($p: ID!) { complaint(id: $p) { contact { email } } }`, { p: b.complaint })).toEqual({});
    expect(await audited(`query($v: ID!) { visit(id: $v) { contact { wechat } } }`, { v: a.visit })).toEqual(
      underA('Contact.wechat', 'Visit.contact'),
    );
    expect(
      await audited(`query($c: ID!) { customer(id: $c) { trades(first: 5) { edges { node { amount } } } } }`, {
        c: gid('Customer', a.customerId),
      }),
    ).toEqual(underA('Trade.amount', 'trades'));
  });

  it('records change-feed records, polled and subscribed', async () => {
    const from = Number((await server.ds.query('SELECT last FROM change_sequence WHERE id = 1'))[0].last);
    const [{ version }] = await server.ds.query('SELECT version FROM contact WHERE customer_id = ?', [a.customerId]);
    expectNoErrors(
      (
        await server.gql(
          `mutation($input: UpdateContactInput!) { updateContact(input: $input) { id } }`,
          { input: { id: a.contact, version, title: '财务总监' } },
          { role: 'general_manager' },
        )
      ).body,
    );
    const record = `recordType changedFields record { ... on Contact { title mobile } }`;
    expect(
      await audited(`query($after: String) { changes(after: $after) { edges { node { ${record} } } } }`, {
        after: cursorOf(from),
      }),
    ).toEqual(
      underA(
        'Contact.mobile',
        'Contact.title',
        'RecordChange.changedFields',
        'RecordChange.record',
        'RecordChange.recordType',
      ),
    );

    const before = await server.ds.getRepository(ReadAudit).count();
    const client = wsClient(server, `Bearer ${await server.token('general_manager', managerId)}`);
    try {
      const [event] = await collect(
        client,
        `subscription($after: String) { recordChanged(after: $after) { ${record} } }`,
        { after: cursorOf(from) },
        (all) => all.length >= 1,
      ).done;
      expect(event.errors).toBeUndefined();
    } finally {
      await client.dispose();
    }
    // Written before the event was sent.
    const rows = (await server.ds.getRepository(ReadAudit).find({ order: { id: 'ASC' } })).slice(before);
    expect(rows.map((r) => [r.customerId, r.subject, r.fields])).toEqual([
      [
        a.customerId,
        String(managerId),
        'Contact.mobile,Contact.title,RecordChange.changedFields,RecordChange.record,RecordChange.recordType',
      ],
    ]);
  });
});

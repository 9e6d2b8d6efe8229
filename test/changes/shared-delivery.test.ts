import type { DataSource } from 'typeorm';
import type { Customer } from '../../src/customers/customer.entity';
import { ArchiveStatus } from '../../src/customers/customer.enums';
/**
 * Subscribers with the same document share one execution per event (changes/delivery/view-group.ts).
 * These tests pin down what must still differ between them: masking that depends on who owns
 * the customer, and the read audit, which records every viewer who received a confidential
 * event, not only the one whose subscription computed it.
 */
import { RoleName } from '../../src/auth/roles';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer as makeArchive, makeUser } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { collect, newestCursor, type Received, wsClient } from './ws-client';

/** Drafts: the tests below rename them with updateCustomer, which changes only a draft's name (approved archives use renameCustomer). */
const makeCustomer = (ds: DataSource, over: Partial<Customer> = {}) =>
  makeArchive(ds, { status: ArchiveStatus.PENDING_APPROVAL, ...over });

const CONTACT_CHANGES = `subscription($customerId: ID, $after: String) { recordChanged(customerId: $customerId, types: [CONTACT], after: $after) {
  cursor record { id ... on Contact { name mobile } } } }`;
const CUSTOMER_CHANGES = `subscription($customerId: ID, $after: String) { recordChanged(customerId: $customerId, types: [CUSTOMER], after: $after) {
  cursor record { id ... on Customer { name creditLimit } } } }`;
const RENAME_CONTACT = `mutation($input: UpdateContactInput!) { updateContact(input: $input) { version } }`;
const RENAME_CUSTOMER = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }`;

const recordOf = (r: Received) => {
  if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
  return (r.data!.recordChanged as { record: Record<string, string | null> }).record;
};

describeEachDialect('shared delivery of change events', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());
  const gm = { role: 'general_manager' as const };

  it("masks a contact's mobile per subscriber: in full for the owning sales rep, masked for another", async () => {
    const owner = await makeUser(server.ds, RoleName.SALES_REP);
    const other = await makeUser(server.ds, RoleName.SALES_REP);
    const customer = await makeCustomer(server.ds, { ownerId: owner.id });
    const contact = await makeContact(server.ds, customer.id, { mobile: '13812345678' });
    const clients = await Promise.all(
      [owner, other].map(async (u) => wsClient(server, `Bearer ${await server.token('sales_rep', u.id)}`)),
    );
    try {
      const after = await newestCursor(server.ds);
      const subs = clients.map((c) =>
        collect(c, CONTACT_CHANGES, { customerId: gid('Customer', customer.id), after }, (all) => all.length >= 1),
      );
      const [{ version }] = (await server.ds.query('SELECT version FROM contact WHERE id = ?', [contact.id])) as {
        version: number;
      }[];
      expectNoErrors(
        (await server.gql(RENAME_CONTACT, { input: { id: gid('Contact', contact.id), version, name: '共享测试' } }, gm))
          .body,
      );
      const [mine, theirs] = await Promise.all(subs.map(async (s) => recordOf((await s.done)[0])));
      expect(mine).toMatchObject({ name: '共享测试', mobile: '13812345678' });
      expect(theirs).toMatchObject({ name: '共***', mobile: '138****5678' });
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  it('records the credit read of one event for every finance user who received it', async () => {
    const users = await Promise.all([1, 2, 3].map(() => makeUser(server.ds, RoleName.FINANCE)));
    const customer = await makeCustomer(server.ds);
    const clients = await Promise.all(
      users.map(async (u) => wsClient(server, `Bearer ${await server.token('finance', u.id)}`)),
    );
    try {
      const after = await newestCursor(server.ds);
      const subs = clients.map((c) =>
        collect(c, CUSTOMER_CHANGES, { customerId: gid('Customer', customer.id), after }, (all) => all.length >= 1),
      );
      const [{ version }] = (await server.ds.query('SELECT version FROM customer WHERE id = ?', [customer.id])) as {
        version: number;
      }[];
      expectNoErrors(
        (
          await server.gql(
            RENAME_CUSTOMER,
            { input: { id: gid('Customer', customer.id), version, name: '资信共享测试' } },
            gm,
          )
        ).body,
      );
      for (const s of subs)
        expect(recordOf((await s.done)[0])).toMatchObject({ name: '资信共享测试', creditLimit: '100000.00' });
      const rows = (await server.ds.query(
        "SELECT user_id AS userId FROM read_audit WHERE customer_id = ? AND kind = 'CREDIT_FIELDS'",
        [customer.id],
      )) as { userId: number }[];
      expect(rows.map((r) => Number(r.userId)).sort((a, b) => a - b)).toEqual(
        users.map((u) => u.id).sort((a, b) => a - b),
      );
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});

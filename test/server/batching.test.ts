/**
 * The number of SQL statements of a request must not grow with the page size: every relation
 * below a page of customers (owner, contacts, trades → customer, complaints → handler,
 * visits → user) is loaded for the whole page at once.
 */
import { ReadAudit } from '../../src/audit/read-audit.entity';
import { Complaint } from '../../src/complaints/complaint.entity';
import { ComplaintStatus } from '../../src/complaints/complaint.enums';
import { Contact } from '../../src/contacts/contact.entity';
import { type Customer } from '../../src/customers/customer.entity';
import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import { Trade } from '../../src/trades/trade.entity';
import { PaymentMethod, TradeKind } from '../../src/trades/trade.enums';
import { type User } from '../../src/users/user.entity';
import { Visit } from '../../src/visits/visit.entity';
import { VisitKind } from '../../src/visits/visit.enums';
import { CustomersNestedDocument, type CustomersNestedQuery } from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { makeCustomer, makeUser } from '../support/factories';
import { CountingLogger } from '../support/query-counter';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/**
 * Reads seen for the query below, on MySQL and SQLite alike: customers page, its count,
 * owners, contacts page + contact counts, trades page, trades' customers, complaints page,
 * visits page, and the employees behind Complaint.handler and Visit.user.
 */
const MAX_READS = 10;
/** A page with A-class archives on it is recorded in read_audit: one INSERT (SQLite reads the generated columns back). */
const MAX_AUDIT = 2;
const isAudit = (sql: string) => /read_audit/i.test(sql);
const CUSTOMERS = 60;
const STATUSES = [ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS, ComplaintStatus.RESOLVED];
const KINDS = [VisitKind.VISIT, VisitKind.PHONE_CALL, VisitKind.MEETING];

interface Expected {
  customer: Customer;
  owner: User;
  contacts: string[];
  trades: string[];
  complaints: { status: string; handler: string | null }[];
  visits: { kind: string; user: string }[];
}

describeEachDialect('batching', (dialect) => {
  let server: TestServer;
  const counter = new CountingLogger();
  const expected = new Map<string, Expected>();
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);

  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: counter });
    const users = [];
    for (let u = 0; u < 4; u++) users.push(await makeUser(server.ds, RoleName.SALES_REP, { name: `批量员工${u}` }));
    // Handlers and visitors are other employees than the owners, so their lookups are not answered from the owners' batch.
    // Each customer's complaints and visits are handled by the same one of them: the two pages come back in either order
    // (two pool connections on MySQL) and the second lookup then finds its ids already loading, so the count is stable.
    const staff = [];
    for (let u = 0; u < 4; u++)
      staff.push(await makeUser(server.ds, RoleName.CUSTOMER_SERVICE, { name: `批量客服${u}` }));
    const contacts: Partial<Contact>[] = [];
    const trades: Partial<Trade>[] = [];
    const complaints: Partial<Complaint>[] = [];
    const visits: Partial<Visit>[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const tag = String(i).padStart(2, '0');
      const owner = users[i % 4];
      const customer = await makeCustomer(server.ds, {
        name: `批量客户${tag}`,
        ownerId: owner.id,
        abcClass: i % 10 === 2 ? AbcClass.A : AbcClass.B,
      });
      const e: Expected = { customer, owner, contacts: [], trades: [], complaints: [], visits: [] };
      // Counts differ per customer (0 … 4 contacts, 0 … 6 trades, 1 … 3 complaints, 1 … 4 visits) so rows leaking between customers show.
      for (let j = 0; j < i % 5; j++) {
        contacts.push({ customerId: customer.id, name: `批量客户${tag}联系人${j}` });
        e.contacts.push(`批量客户${tag}联系人${j}`);
      }
      for (let j = 0; j < i % 7; j++) {
        const amount = `${i * 100 + j}.50`;
        trades.push({
          tradeNo: `BT${dialect}${tag}${j}`,
          customerId: customer.id,
          kind: TradeKind.ORDER,
          occurredAt: day(j),
          amount,
          paymentMethod: PaymentMethod.CASH,
          handlerId: owner.id,
        });
        e.trades.unshift(amount); // newest first
      }
      for (let j = 0; j < 1 + (i % 3); j++) {
        const handler = j === 1 ? null : staff[i % 4];
        complaints.push({
          customerId: customer.id,
          receivedAt: day(j),
          channel: 'PHONE' as never,
          category: 'SERVICE' as never,
          content: `批量投诉${tag}-${j}`,
          status: STATUSES[j % 3],
          handlerId: handler?.id ?? null,
        });
        e.complaints.unshift({ status: STATUSES[j % 3], handler: handler?.name ?? null });
      }
      for (let j = 0; j < 1 + (i % 4); j++) {
        const user = staff[i % 4];
        visits.push({
          customerId: customer.id,
          userId: user.id,
          kind: KINDS[j % 3],
          plannedAt: day(j),
          subject: `批量拜访${tag}-${j}`,
        });
        e.visits.unshift({ kind: KINDS[j % 3], user: user.name });
      }
      expected.set(customer.name, e);
    }
    await server.ds.getRepository(Contact).insert(contacts);
    await server.ds.getRepository(Trade).insert(trades);
    await server.ds.getRepository(Complaint).insert(complaints);
    await server.ds.getRepository(Visit).insert(visits);
  });
  afterAll(() => server.stop());

  const run = async (first: number, role: 'sales_manager' | 'customer_service' = 'sales_manager') => {
    counter.reset();
    const { body } = await send(
      server,
      CustomersNestedDocument,
      {
        first,
        filter: { search: '批量客户' },
        orderBy: { field: 'NAME', direction: 'ASC' },
      },
      { role },
    );
    const data = expectNoErrors(body).customers;
    return { data, statements: [...counter.queries] };
  };

  /** Every customer on the page carries exactly its own children, in list order and capped by `first`. */
  const expectRightData = (page: CustomersNestedQuery['customers'], seesClassA: boolean) => {
    for (const { node } of page.edges) {
      const e = expected.get(node.name)!;
      expect(e).toBeDefined();
      if (!seesClassA) expect(e.customer.abcClass).not.toBe(AbcClass.A);
      expect(node.owner?.name).toBe(e.owner.name);
      expect(node.contacts.totalCount).toBe(e.contacts.length);
      expect(node.contacts.edges.map((x) => x.node.name)).toEqual(e.contacts.slice(0, 3));
      for (const x of node.contacts.edges) expect(x.node.name?.startsWith(node.name)).toBe(true);
      expect(node.trades.edges.map((x) => x.node.amount)).toEqual(e.trades.slice(0, 5));
      for (const x of node.trades.edges) expect(x.node.customer.name).toBe(node.name);
      expect(
        node.complaints.edges.map((x) => ({ status: x.node.status, handler: x.node.handler?.name ?? null })),
      ).toEqual(e.complaints.slice(0, 2));
      expect(node.visits.edges.map((x) => ({ kind: x.node.kind, user: x.node.user?.name }))).toEqual(
        e.visits.slice(0, 2),
      );
    }
  };

  it('answers a page of 5 and a page of 50 customers with the same, small number of statements', async () => {
    const small = await run(5);
    const large = await run(50);
    expect(small.data.edges).toHaveLength(5);
    expect(large.data.edges).toHaveLength(50);
    expect(large.data.totalCount).toBe(CUSTOMERS);
    const names = [...expected.keys()].sort();
    expect(large.data.edges.map((x) => x.node.name)).toEqual(names.slice(0, 50));
    expect(small.data.edges.map((x) => x.node.name)).toEqual(names.slice(0, 5));

    expect(small.statements.length).toBeGreaterThan(0);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.filter((q) => !isAudit(q)).length).toBeLessThanOrEqual(MAX_READS);
    expect(large.statements.filter(isAudit).length).toBeLessThanOrEqual(MAX_AUDIT);
    expectRightData(small.data, true);
    expectRightData(large.data, true);
  });

  it("records the A-class archives' children on the page in the read audit, with no statement of their own", async () => {
    const small = await run(5);
    const large = await run(50);
    expect(large.statements.length).toBe(small.statements.length);
    const classA = [...expected.values()].filter(
      (e) => e.customer.abcClass === AbcClass.A && large.data.edges.some((x) => x.node.name === e.customer.name),
    );
    expect(classA.length).toBeGreaterThan(2);
    for (const e of classA) {
      const [newest] = await server.ds
        .getRepository(ReadAudit)
        .find({ where: { customerId: e.customer.id }, order: { id: 'DESC' }, take: 1 });
      const read = newest.fields.split(',');
      // Each of its pages that has rows: contacts (0 … 4 per customer) and trades (0 … 6) may be empty.
      if (e.contacts.length) expect(read).toContain('Contact.name');
      if (e.trades.length) expect(read).toContain('Trade.amount');
      expect(read).toEqual(expect.arrayContaining(['Complaint.status', 'Visit.kind', 'name']));
    }
  });

  it('keeps the count flat for a role whose rows are scoped, and hides A-class customers and their children', async () => {
    const manager = await run(50);
    const small = await run(5, 'customer_service');
    const large = await run(50, 'customer_service');
    const hidden = [...expected.values()].filter((e) => e.customer.abcClass === AbcClass.A).length;
    expect(large.data.totalCount).toBe(CUSTOMERS - hidden);
    expect(large.data.edges).toHaveLength(50);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(MAX_READS);
    expect(large.statements.length).toBe(manager.statements.filter((q) => !isAudit(q)).length);
    expectRightData(large.data, false);
  });
});

import { RoleName } from '../../src/auth/roles';
import { ComplaintStatus, Severity } from '../../src/complaints/complaint.enums';
import { AbcClass, Region } from '../../src/customers/customer.enums';
import { type Customer } from '../../src/customers/customer.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeComplaint, makeContact, makeCustomer, makeTrade, makeUser, makeVisit } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';

/**
 * `where` on every list: typed operators, and/or/not, relations both ways, and the read
 * rules (a condition on a field the role may not read is refused, as a sort on it is).
 */
describeEachDialect('where filters', (dialect) => {
  let server: TestServer;
  let c: Record<string, Customer>;
  let ownerX: string;
  const analyst: GqlOptions = { role: 'analyst' };
  const manager: GqlOptions = { role: 'sales_manager' };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const { ds } = server;
    const x = await makeUser(ds, RoleName.SALES_REP, { name: '王强' });
    const y = await makeUser(ds, RoleName.SALES_REP, { name: '李丽' });
    ownerX = gid('User', x.id);
    c = {
      eastB: await makeCustomer(ds, {
        name: '华东乙类甲公司',
        region: Region.EAST,
        abcClass: AbcClass.B,
        ownerId: x.id,
        tradeTotal: '5000.00',
      }),
      eastC: await makeCustomer(ds, {
        name: '华东丙类公司',
        region: Region.EAST,
        abcClass: AbcClass.C,
        ownerId: y.id,
        tradeTotal: '100.50',
      }),
      northB: await makeCustomer(ds, {
        name: '华北乙类公司',
        region: Region.NORTH,
        abcClass: AbcClass.B,
        ownerId: x.id,
        tradeTotal: '900.00',
      }),
      noRegion: await makeCustomer(ds, { name: '无区域公司', region: null, abcClass: AbcClass.C, ownerId: y.id }),
      eastA: await makeCustomer(ds, {
        name: '华东甲类公司',
        region: Region.EAST,
        abcClass: AbcClass.A,
        ownerId: x.id,
        tradeTotal: '90000.00',
      }),
    };
    await makeComplaint(ds, c.eastB.id, { status: ComplaintStatus.OPEN, severity: Severity.HIGH });
    await makeComplaint(ds, c.eastC.id, { status: ComplaintStatus.CLOSED, severity: Severity.HIGH });
    await makeComplaint(ds, c.northB.id, { status: ComplaintStatus.IN_PROGRESS, severity: Severity.LOW });
    await makeComplaint(ds, c.eastA.id, { status: ComplaintStatus.OPEN, severity: Severity.CRITICAL });
    for (const customer of Object.values(c)) {
      await makeTrade(ds, customer.id, { amount: '100.00' });
      await makeVisit(ds, customer.id, customer.ownerId!);
      await makeContact(ds, customer.id, {
        name: `张${customer.id}`,
        mobile: `1380000${String(customer.id).padStart(4, '0')}`,
      });
    }
  });
  afterAll(() => server.stop());

  const names = async (list: string, where: unknown, who: GqlOptions, node = 'name') => {
    const field = list === 'customers' ? node : `customer { ${node} }`;
    const data = expectNoErrors(
      (
        await server.gql<Record<string, { edges: { node: Record<string, unknown> }[] }>>(
          `query($where: ${list[0].toUpperCase()}${list.slice(1, -1)}Where) { ${list}(first: 50, where: $where) { edges { node { ${field} } } } }`,
          { where },
          who,
        )
      ).body,
    );
    return data[list].edges
      .map((e) => (list === 'customers' ? e.node[node] : (e.node.customer as Record<string, unknown>)[node]))
      .sort();
  };

  it("customers with an open high-severity complaint: a relation to many, in the caller's scope", async () => {
    const where = {
      complaints: { some: { status: { in: ['OPEN', 'IN_PROGRESS'] }, severity: { in: ['HIGH', 'CRITICAL'] } } },
    };
    expect(await names('customers', where, analyst)).toEqual([c.eastB.name]);
    expect(await names('customers', where, manager)).toEqual([c.eastA.name, c.eastB.name].sort());
    expect(await names('customers', { complaints: { none: {} } }, analyst)).toEqual([c.noRegion.name]);
  });

  it("trades of customers in 华东 of class B, and visits whose customer's owner is X: relations to one", async () => {
    expect(await names('trades', { customer: { region: { eq: 'EAST' }, abcClass: { eq: 'B' } } }, analyst)).toEqual([
      c.eastB.name,
    ]);
    expect(await names('visits', { customer: { owner: { eq: ownerX } } }, analyst)).toEqual(
      [c.eastB.name, c.northB.name].sort(),
    );
    expect(await names('visits', { customer: { owner: { eq: ownerX } } }, manager)).toEqual(
      [c.eastA.name, c.eastB.name, c.northB.name].sort(),
    );
    expect(
      await names('complaints', { customer: { name: { startsWith: '华东' } }, status: { ne: 'CLOSED' } }, analyst),
    ).toEqual([c.eastB.name]);
  });

  it('combines operators with and, or and not; ne, notIn and not count a missing value as not equal', async () => {
    expect(await names('customers', { or: [{ region: { eq: 'NORTH' } }, { abcClass: { eq: 'C' } }] }, analyst)).toEqual(
      [c.eastC.name, c.northB.name, c.noRegion.name].sort(),
    );
    expect(await names('customers', { not: { region: { eq: 'EAST' } } }, analyst)).toEqual(
      [c.northB.name, c.noRegion.name].sort(),
    );
    expect(await names('customers', { region: { ne: 'EAST' } }, analyst)).toEqual(
      [c.northB.name, c.noRegion.name].sort(),
    );
    expect(await names('customers', { region: { notIn: ['EAST', 'SOUTH'] } }, analyst)).toEqual(
      [c.northB.name, c.noRegion.name].sort(),
    );
    expect(await names('customers', { region: { isNull: true } }, analyst)).toEqual([c.noRegion.name]);
    expect(await names('customers', { tradeTotal: { gt: '100.50' } }, analyst)).toEqual(
      [c.eastB.name, c.northB.name].sort(),
    );
    expect(await names('customers', { tradeTotal: { between: { from: '100.5', to: '900' } } }, analyst)).toEqual(
      [c.eastC.name, c.northB.name].sort(),
    );
    expect(
      await names('customers', { and: [{ name: { contains: '乙类' } }, { name: { startsWith: '华北' } }] }, analyst),
    ).toEqual([c.northB.name]);
    // Wildcards are text: a % matches only a %.
    expect(await names('customers', { name: { contains: '%' } }, analyst)).toEqual([]);
  });

  it('keeps the filter argument working beside where, and names the date bounds alike on every list', async () => {
    const data = expectNoErrors(
      (
        await server.gql<{ customers: { totalCount: number } }>(
          '{ customers(filter: { abcClass: [B] }, where: { region: { eq: EAST } }) { totalCount } }',
          {},
          analyst,
        )
      ).body,
    );
    expect(data.customers.totalCount).toBe(1);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    for (const [list, field] of [
      ['trades', 'occurredAt'],
      ['visits', 'plannedAt'],
      ['complaints', 'receivedAt'],
    ]) {
      const counted = expectNoErrors(
        (
          await server.gql<Record<string, { totalCount: number }>>(
            `query($t: DateTime!) { ${list}(where: { ${field}: { lt: $t } }) { totalCount } }`,
            { t: future },
            manager,
          )
        ).body,
      );
      expect([list, counted[list].totalCount]).toEqual([list, list === 'complaints' ? 4 : 5]);
    }
    const legacy = expectNoErrors(
      (
        await server.gql<{ trades: { totalCount: number } }>(
          'query($t: DateTime!) { trades(filter: { occurredBefore: $t }) { totalCount } }',
          { t: future },
          manager,
        )
      ).body,
    );
    expect(legacy.trades.totalCount).toBe(5);
  });

  it('refuses conditions on fields the role may not read, at any depth, before reading anything', async () => {
    const refused = async (query: string, who: GqlOptions) => {
      const res = await server.gql(query, {}, who);
      expect(errorCodes(res.body)).toEqual(['FORBIDDEN']);
      return res.body.errors![0].message;
    };
    expect(await refused('{ customers(where: { creditLimit: { gt: 0 } }) { totalCount } }', analyst)).toMatch(
      /where\.creditLimit uses Customer\.creditLimit/,
    );
    expect(
      await refused('{ trades(where: { customer: { outstandingBalance: { gt: 0 } } }) { totalCount } }', {
        role: 'sales_rep',
      }),
    ).toMatch(/Customer\.outstandingBalance/);
    expect(
      await refused(
        '{ customers(where: { contacts: { some: { mobile: { startsWith: "138" } } } }) { totalCount } }',
        analyst,
      ),
    ).toMatch(/Contact\.mobile/);
    expect(
      await refused('{ contacts(where: { name: { contains: "张" } }) { totalCount } }', { role: 'finance' }),
    ).toMatch(/Contact\.name/);
    const finance = expectNoErrors(
      (
        await server.gql<{ customers: { totalCount: number } }>(
          '{ customers(where: { creditLimit: { gt: 0 } }) { totalCount } }',
          {},
          { role: 'finance' },
        )
      ).body,
    );
    expect(finance.customers.totalCount).toBe(5);
    const service = expectNoErrors(
      (
        await server.gql<{ contacts: { totalCount: number } }>(
          '{ contacts(where: { mobile: { startsWith: "1380000" } }) { totalCount } }',
          {},
          { role: 'customer_service' },
        )
      ).body,
    );
    expect(service.contacts.totalCount).toBe(4);
  });

  it('bounds a where: conditions, nesting, list sizes and text', async () => {
    const many = Array.from({ length: 41 }, (_, i) => ({ tradeCount: { ne: i } }));
    expect(
      errorCodes(
        (
          await server.gql(
            'query($w: CustomerWhere) { customers(where: $w) { totalCount } }',
            { w: { and: many } },
            analyst,
          )
        ).body,
      ),
    ).toEqual(['BAD_USER_INPUT']);
    let deep: Record<string, unknown> = { region: { eq: 'EAST' } };
    for (let i = 0; i < 8; i++) deep = { not: deep };
    expect(
      errorCodes(
        (await server.gql('query($w: CustomerWhere) { customers(where: $w) { totalCount } }', { w: deep }, analyst))
          .body,
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        (await server.gql('{ customers(where: { name: { contains: "" } }) { totalCount } }', {}, analyst)).body,
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        (
          await server.gql(
            'query($w: TradeWhere) { trades(where: $w) { totalCount } }',
            { w: { handler: { eq: gid('Customer', 1) } } },
            analyst,
          )
        ).body,
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });
});

import { ReadAudit } from '../../src/audit/read-audit.entity';
import { ReadKind } from '../../src/auth/read-kind';
import { RoleName } from '../../src/auth/roles';
import { ComplaintCategory } from '../../src/complaints/complaint.enums';
import { AbcClass, CreditLevel, Region } from '../../src/customers/customer.enums';
import { type Customer } from '../../src/customers/customer.entity';
import { describeEachDialect } from '../support/db';
import { makeComplaint, makeCustomer, makeTrade, makeUser, makeVisit } from '../support/factories';
import { CountingLogger } from '../support/query-counter';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';

/**
 * Counts and totals in groups, computed by the database over the caller's rows and fields:
 * each of the analysts' five questions is one query.
 */
describeEachDialect('statistics', (dialect) => {
  let server: TestServer;
  let c: Record<string, Customer>;
  const sql = new CountingLogger();
  const analyst: GqlOptions = { role: 'analyst' };
  const manager: GqlOptions = { role: 'sales_manager' };
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: sql });
    const { ds } = server;
    const x = await makeUser(ds, RoleName.SALES_REP, { name: '王强' });
    const y = await makeUser(ds, RoleName.SALES_REP, { name: '李丽' });
    c = {
      eastB: await makeCustomer(ds, {
        name: '华东乙',
        region: Region.EAST,
        abcClass: AbcClass.B,
        ownerId: x.id,
        industry: '制造',
        creditLimit: '1000.00',
        creditLevel: CreditLevel.AA,
      }),
      eastC: await makeCustomer(ds, {
        name: '华东丙',
        region: Region.EAST,
        abcClass: AbcClass.C,
        ownerId: y.id,
        industry: '制造',
        creditLimit: '2000.00',
        creditLevel: CreditLevel.B,
      }),
      northB: await makeCustomer(ds, {
        name: '华北乙',
        region: Region.NORTH,
        abcClass: AbcClass.B,
        ownerId: x.id,
        industry: '零售',
        creditLimit: '3000.00',
        creditLevel: CreditLevel.AA,
      }),
      eastA: await makeCustomer(ds, {
        name: '华东甲',
        region: Region.EAST,
        abcClass: AbcClass.A,
        ownerId: x.id,
        industry: '制造',
        creditLimit: '50000.00',
        creditLevel: CreditLevel.AAA,
      }),
    };
    await makeTrade(ds, c.eastB.id, { amount: '1000.00', occurredAt: at('2026-01-15T03:00:00Z'), quantity: 2 });
    await makeTrade(ds, c.eastB.id, { amount: '500.00', occurredAt: at('2026-02-20T03:00:00Z'), quantity: 1 });
    await makeTrade(ds, c.eastC.id, { amount: '200.00', occurredAt: at('2026-04-01T03:00:00Z'), quantity: 3 });
    await makeTrade(ds, c.northB.id, { amount: '800.50', occurredAt: at('2025-12-31T23:59:59.999Z') });
    await makeTrade(ds, c.eastA.id, { amount: '100000.00', occurredAt: at('2026-01-02T00:00:00Z') });
    await makeComplaint(ds, c.eastB.id, {
      category: ComplaintCategory.QUALITY,
      receivedAt: at('2026-01-10T08:00:00Z'),
    });
    await makeComplaint(ds, c.eastB.id, {
      category: ComplaintCategory.SERVICE,
      receivedAt: at('2026-01-20T08:00:00Z'),
    });
    await makeComplaint(ds, c.eastC.id, {
      category: ComplaintCategory.QUALITY,
      receivedAt: at('2026-02-05T08:00:00Z'),
    });
    await makeComplaint(ds, c.eastA.id, {
      category: ComplaintCategory.QUALITY,
      receivedAt: at('2026-02-06T08:00:00Z'),
    });
    // A Monday, the Sunday of the same week, the next Monday.
    await makeVisit(ds, c.eastB.id, x.id, {
      occurredAt: at('2026-03-02T00:30:00Z'),
      plannedAt: at('2026-03-02T00:00:00Z'),
    });
    await makeVisit(ds, c.northB.id, x.id, {
      occurredAt: at('2026-03-08T23:30:00Z'),
      plannedAt: at('2026-03-08T00:00:00Z'),
    });
    await makeVisit(ds, c.eastC.id, y.id, {
      occurredAt: at('2026-03-09T10:00:00Z'),
      plannedAt: at('2026-03-09T00:00:00Z'),
    });
    await makeVisit(ds, c.eastC.id, y.id, { occurredAt: null, plannedAt: at('2026-05-01T00:00:00Z') });
  });
  afterAll(() => server.stop());

  const ask = async <T>(query: string, who: GqlOptions) => expectNoErrors((await server.gql<T>(query, {}, who)).body);
  type Groups<G> = { groups: G[]; hasMore: boolean; totalCount: number };

  it('1. top customers by trade value this year, in one statement', async () => {
    const query = `{ tradeStats(where: { occurredAt: { gte: "2026-01-01T00:00:00Z" }, kind: { eq: ORDER } }, groupBy: [CUSTOMER],
      orderBy: { field: SUM_AMOUNT, direction: DESC }, first: 10) { groups { customer { name } count sum { amount } } } }`;
    type G = { customer: { name: string }; count: number; sum: { amount: string } };
    sql.reset();
    const seen = (await ask<{ tradeStats: Groups<G> }>(query, analyst)).tradeStats.groups;
    // One statement for the groups, one for their customers (the loader), nothing per row.
    expect(sql.queries.filter((q) => /\bFROM\b/i.test(q) && !/read_audit/.test(q))).toHaveLength(2);
    expect(seen.map((g) => [g.customer.name, g.count, g.sum.amount])).toEqual([
      ['华东乙', 2, '1500.00'],
      ['华东丙', 1, '200.00'],
    ]);
    const all = (await ask<{ tradeStats: Groups<G> }>(query, manager)).tradeStats.groups;
    expect(all.map((g) => g.customer.name)).toEqual(['华东甲', '华东乙', '华东丙']);
  });

  it('2. complaints by category per month', async () => {
    type G = { period: string; category: string; count: number };
    const data = await ask<{ complaintStats: Groups<G> }>(
      '{ complaintStats(groupBy: [CATEGORY], period: { field: RECEIVED_AT, unit: MONTH }, orderBy: { field: KEY, direction: ASC }) { groups { period category count } totalCount } }',
      analyst,
    );
    expect(data.complaintStats.groups).toEqual([
      { period: '2026-01', category: 'QUALITY', count: 1 },
      { period: '2026-01', category: 'SERVICE', count: 1 },
      { period: '2026-02', category: 'QUALITY', count: 1 },
    ]);
    expect(data.complaintStats.totalCount).toBe(3);
  });

  it('3. visits per employee per week (weeks start on Monday) and per quarter', async () => {
    type G = { period: string | null; user: { id: string; name: string }; count: number };
    const weeks = (
      await ask<{ visitStats: Groups<G> }>(
        '{ visitStats(groupBy: [USER], period: { field: OCCURRED_AT, unit: WEEK }, orderBy: { field: KEY, direction: ASC }) { groups { period user { name } count } } }',
        analyst,
      )
    ).visitStats.groups;
    expect(weeks.map((g) => [g.period, g.user.name, g.count])).toEqual([
      [null, '李丽', 1],
      ['2026-03-02', '王强', 2],
      ['2026-03-09', '李丽', 1],
    ]);
    const quarters = (
      await ask<{ visitStats: Groups<G> }>(
        `{ visitStats(where: { occurredAt: { between: { from: "2026-01-01T00:00:00Z", to: "2026-03-31T23:59:59.999Z" } } }, groupBy: [OWNER],
        period: { field: OCCURRED_AT, unit: QUARTER }) { groups { period owner { name } count } } }`,
        analyst,
      )
    ).visitStats.groups as unknown as { period: string; owner: { name: string }; count: number }[];
    expect(quarters.map((g) => [g.period, g.owner.name, g.count])).toEqual([
      ['2026-Q1', '王强', 2],
      ['2026-Q1', '李丽', 1],
    ]);
    const years = (
      await ask<{ tradeStats: Groups<{ period: string; count: number }> }>(
        '{ tradeStats(period: { field: OCCURRED_AT, unit: YEAR }, orderBy: { field: KEY, direction: ASC }) { groups { period count } } }',
        analyst,
      )
    ).tradeStats.groups;
    expect(years).toEqual([
      { period: '2025', count: 1 },
      { period: '2026', count: 3 },
    ]);
    const days = (
      await ask<{ tradeStats: Groups<{ period: string }> }>(
        '{ tradeStats(period: { field: OCCURRED_AT, unit: DAY }, orderBy: { field: KEY, direction: ASC }, first: 2) { groups { period } hasMore } }',
        analyst,
      )
    ).tradeStats;
    expect(days).toEqual({ groups: [{ period: '2025-12-31' }, { period: '2026-01-15' }], hasMore: true });
  });

  it('4. customers per region and class', async () => {
    type G = { region: string; abcClass: string; count: number };
    const data = await ask<{ customerStats: Groups<G> }>(
      '{ customerStats(groupBy: [REGION, ABC_CLASS], orderBy: { field: KEY, direction: ASC }) { groups { region abcClass count } } }',
      analyst,
    );
    expect(data.customerStats.groups).toEqual([
      { region: 'EAST', abcClass: 'B', count: 1 },
      { region: 'EAST', abcClass: 'C', count: 1 },
      { region: 'NORTH', abcClass: 'B', count: 1 },
    ]);
  });

  it('5. average trade amount by industry, to the cent', async () => {
    type G = {
      industry: string;
      avg: { amount: string; quantity: number | null };
      min: { amount: string };
      max: { amount: string };
    };
    const data = await ask<{ tradeStats: Groups<G> }>(
      '{ tradeStats(groupBy: [INDUSTRY], orderBy: { field: AVG_AMOUNT, direction: ASC }) { groups { industry avg { amount quantity } min { amount } max { amount } } } }',
      analyst,
    );
    expect(data.tradeStats.groups).toEqual([
      {
        industry: '制造',
        avg: { amount: '566.67', quantity: 2 },
        min: { amount: '200.00' },
        max: { amount: '1000.00' },
      },
      {
        industry: '零售',
        avg: { amount: '800.50', quantity: null },
        min: { amount: '800.50' },
        max: { amount: '800.50' },
      },
    ]);
  });

  it('groups, totals and sorts only by fields the role may read', async () => {
    expect(
      errorCodes(
        (await server.gql('{ customerStats(groupBy: [CREDIT_LEVEL]) { groups { count } } }', {}, analyst)).body,
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        (await server.gql('{ customerStats(orderBy: { field: SUM_CREDIT_LIMIT }) { groups { count } } }', {}, analyst))
          .body,
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        (await server.gql('{ customerStats(where: { creditLimit: { gt: 0 } }) { groups { count } } }', {}, analyst))
          .body,
      ),
    ).toEqual(['FORBIDDEN']);
    const totals = await server.gql<{
      customerStats: Groups<{ sum: { creditLimit: string | null; tradeTotal: string } }>;
    }>('{ customerStats { groups { sum { creditLimit tradeTotal } } } }', {}, analyst);
    expect(totals.body.data?.customerStats.groups[0].sum.creditLimit).toBeNull();
    expect(totals.body.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['FORBIDDEN', 'customerStats.groups.0.sum.creditLimit'],
    ]);
    const finance = await ask<{ customerStats: Groups<{ creditLevel: string; sum: { creditLimit: string } }> }>(
      '{ customerStats(groupBy: [CREDIT_LEVEL], orderBy: { field: KEY, direction: ASC }) { groups { creditLevel sum { creditLimit } } } }',
      { role: 'finance' },
    );
    expect(finance.customerStats.groups).toEqual([
      { creditLevel: 'AA', sum: { creditLimit: '4000.00' } },
      { creditLevel: 'AAA', sum: { creditLimit: '50000.00' } },
      { creditLevel: 'B', sum: { creditLimit: '2000.00' } },
    ]);
  });

  it('records the archives a total read in the read audit: A-class ones, and all whose credit fields it totalled', async () => {
    const audits = () => server.ds.getRepository(ReadAudit).find({ order: { id: 'ASC' } });
    const before = (await audits()).length;
    await ask('{ complaintStats(groupBy: [CATEGORY]) { groups { count } } }', analyst);
    expect((await audits()).length).toBe(before);
    await ask('{ complaintStats(groupBy: [CATEGORY]) { groups { count } } }', manager);
    const a = (await audits()).slice(before);
    expect(a.map((r) => [r.customerId, r.kind, r.fields])).toEqual([
      [c.eastA.id, ReadKind.A_CLASS_ARCHIVE, 'ComplaintStats'],
    ]);
    const mid = (await audits()).length;
    await ask('{ customerStats(where: { region: { eq: NORTH } }) { groups { sum { creditLimit } } } }', {
      role: 'finance',
    });
    const credit = (await audits()).slice(mid);
    expect(credit.map((r) => [r.customerId, r.kind, r.fields])).toEqual([
      [c.northB.id, ReadKind.CREDIT_FIELDS, 'CustomerStats.sum.creditLimit'],
    ]);
  });
});

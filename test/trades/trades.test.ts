import { type Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import { Trade } from '../../src/trades/trade.entity';
import {
  CreateTradeDocument,
  type CreateTradeInput,
  CustomersWithTradesDocument,
  CustomerTradeStatsDocument,
  TradeDocument,
  TradeNodeDocument,
  TradesDocument,
  UpdateTradeDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser } from '../support/factories';
import { type GqlOptions, expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

describeEachDialect('trades', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const manager: GqlOptions = { role: 'sales_manager' };
  // Payments (回款) are finance's to record, not sales'.
  const finance: GqlOptions = { role: 'finance' };
  const tradeRows = (customerId?: number) =>
    server.ds.getRepository(Trade).count(customerId ? { where: { customerId } } : {});

  const tradeInput = (customer: Customer, over: Partial<CreateTradeInput> = {}): CreateTradeInput => ({
    customerId: gid('Customer', customer.id),
    kind: 'ORDER',
    occurredAt: '2024-03-01T08:00:00.000Z',
    amount: '100',
    paymentMethod: 'CASH',
    ...over,
  });
  /** Records a trade through the API and fails on any error. */
  const record = async (customer: Customer, over: Partial<CreateTradeInput> = {}, opts: GqlOptions = manager) =>
    expectNoErrors((await send(server, CreateTradeDocument, { input: tradeInput(customer, over) }, opts)).body)
      .createTrade;
  const stats = async (customer: Customer) => {
    const found = expectNoErrors(
      (await send(server, CustomerTradeStatsDocument, { id: gid('Customer', customer.id) }, manager)).body,
    ).customer;
    if (!found) throw new Error(`customer ${customer.id} not visible to sales_manager`);
    return found;
  };

  it('records a trade with a generated number and a two-decimal amount, handled by the caller', async () => {
    const c = await makeCustomer(server.ds);
    const clerk = await makeUser(server.ds, RoleName.SALES_MANAGER);
    const trade = await record(c, { amount: '100000' }, { role: 'sales_manager', userId: clerk.id });
    // Numbered per archive: the archive number and its first trade sequence.
    expect(trade.tradeNo).toBe(`${c.archiveNo}-0001`);
    expect(trade).toMatchObject({
      amount: '100000.00',
      kind: 'ORDER',
      customer: { id: gid('Customer', c.id) },
      handler: { id: gid('User', clerk.id) },
    });
    expect((await record(c, { amount: 1234.5 as unknown as string })).amount).toBe('1234.50');
    const row = await server.ds.getRepository(Trade).findOneByOrFail({ tradeNo: trade.tradeNo });
    expect(row.amount).toBe('100000.00');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const c = await makeCustomer(server.ds);
    const before = await tradeRows();
    const attempt = async (over: Partial<CreateTradeInput>) =>
      (await send(server, CreateTradeDocument, { input: tradeInput(c, over) }, manager)).body;

    const negative = await attempt({ amount: '-5' });
    expect(negative.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'amount' })],
    });
    const malformed = await attempt({ amount: '12.345' });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0].message).toMatch(/amount.*Decimal/s);
    const unknown = await attempt({ customerId: gid('Customer', 99_999_999) });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0].message).toContain('Customer');
    const wrongType = await attempt({ customerId: gid('User', c.id) });
    expect(wrongType.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'customerId' })],
    });

    for (const body of [negative, malformed, unknown, wrongType]) expect(body.data ?? null).toBeNull();
    expect(await tradeRows()).toBe(before);
  });

  it("keeps given trade numbers unique per archive, so a hidden archive's numbers never clash", async () => {
    const hidden = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    await record(hidden, { tradeNo: 'HT-2024-001' });
    const own = await makeCustomer(server.ds);
    const given = await record(own, { tradeNo: 'HT-2024-001' }, { role: 'sales_manager' });
    expect(given.tradeNo).toBe('HT-2024-001');
    const again = await send(
      server,
      CreateTradeDocument,
      { input: tradeInput(own, { tradeNo: 'HT-2024-001' }) },
      manager,
    );
    expect(again.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await tradeRows(own.id)).toBe(1);
    // A generated number skips one given by hand.
    await record(own, { tradeNo: `${own.archiveNo}-0001` });
    expect((await record(own)).tradeNo).toBe(`${own.archiveNo}-0002`);
  });

  it('refuses trades for a customer whose archive is not approved yet (rule 1)', async () => {
    const pending = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL });
    const { body } = await send(server, CreateTradeDocument, { input: tradeInput(pending) }, manager);
    expect(body.errors?.[0].extensions).toMatchObject({
      code: 'ARCHIVE_NOT_APPROVED',
      fields: [expect.objectContaining({ field: 'customerId' })],
    });
    expect(await tradeRows(pending.id)).toBe(0);
    expect(await stats(pending)).toMatchObject({
      tradeCount: 0,
      tradeTotal: '0.00',
      firstTradeAt: null,
      lastTradeAt: null,
    });
  });

  it('keeps the statistics exact through orders, returns, payments, an amount change and a move', async () => {
    const a = await makeCustomer(server.ds);
    const b = await makeCustomer(server.ds);
    const first = await record(a, { kind: 'ORDER', amount: '1000', occurredAt: '2024-01-10T09:30:00.000Z' });
    await record(a, { kind: 'ORDER', amount: '80', occurredAt: '2024-01-20T00:00:00.000Z' });
    await record(a, { kind: 'RETURN', amount: '100', occurredAt: '2024-02-01T00:00:00.000Z' });
    await record(a, { kind: 'PAYMENT', amount: '500', occurredAt: '2024-03-01T00:00:00.000Z' }, finance);
    await record(a, { kind: 'ORDER', amount: '250.50', occurredAt: '2024-04-15T16:45:00.123Z' });
    await record(b, { kind: 'ORDER', amount: '300', occurredAt: '2024-05-01T00:00:00.000Z' });
    expect(await stats(a)).toMatchObject({
      tradeCount: 3,
      tradeTotal: '1230.50',
      firstTradeAt: '2024-01-10T09:30:00.000Z',
      lastTradeAt: '2024-04-15T16:45:00.123Z',
    });

    const changed = expectNoErrors(
      (
        await send(
          server,
          UpdateTradeDocument,
          { input: { id: first.id, version: first.version, amount: '1200' } },
          manager,
        )
      ).body,
    ).updateTrade;
    expect(await stats(a)).toMatchObject({ tradeCount: 3, tradeTotal: '1430.50' });

    const moved = expectNoErrors(
      (
        await send(
          server,
          UpdateTradeDocument,
          {
            input: { id: first.id, version: changed.version, customerId: gid('Customer', b.id) },
          },
          manager,
        )
      ).body,
    ).updateTrade;
    expect(moved.customer.id).toBe(gid('Customer', b.id));
    expect(await stats(a)).toMatchObject({
      tradeCount: 2,
      tradeTotal: '230.50',
      firstTradeAt: '2024-01-20T00:00:00.000Z',
      lastTradeAt: '2024-04-15T16:45:00.123Z',
    });
    expect(await stats(b)).toMatchObject({
      tradeCount: 2,
      tradeTotal: '1500.00',
      firstTradeAt: '2024-01-10T09:30:00.000Z',
      lastTradeAt: '2024-05-01T00:00:00.000Z',
    });
  });

  it('refuses an update with a stale version (CONFLICT) and bumps the version of a good one', async () => {
    const c = await makeCustomer(server.ds);
    const t = await record(c, { amount: '10' });
    const good = expectNoErrors(
      (await send(server, UpdateTradeDocument, { input: { id: t.id, version: t.version, amount: '20' } }, manager))
        .body,
    ).updateTrade;
    expect(good).toMatchObject({ amount: '20.00', version: t.version + 1 });
    const stale = await send(
      server,
      UpdateTradeDocument,
      { input: { id: t.id, version: t.version, amount: '30' } },
      manager,
    );
    expect(stale.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await server.ds.getRepository(Trade).findOneByOrFail({ tradeNo: t.tradeNo })).toMatchObject({
      amount: '20.00',
      version: t.version + 1,
    });
    expect((await stats(c)).tradeTotal).toBe('20.00');
  });

  it('lists trades filtered by customer and kind, ordered by amount, in pages without repeats', async () => {
    const c = await makeCustomer(server.ds);
    const other = await makeCustomer(server.ds);
    for (const amount of ['1000', '9', '80', '250.50', '80']) await record(c, { amount });
    await record(c, { kind: 'PAYMENT', amount: '50' }, finance);
    await record(other, { amount: '70' });
    const filter = { customerId: gid('Customer', c.id), kind: ['ORDER' as const] };
    const orderBy = { field: 'AMOUNT' as const, direction: 'ASC' as const };
    const seen: { id: string; amount: string | null }[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = expectNoErrors(
        (await send(server, TradesDocument, { first: 2, after, filter, orderBy }, manager)).body,
      ).trades;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => ({ id: e.node.id, amount: e.node.amount })));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.map((t) => t.amount)).toEqual(['9.00', '80.00', '80.00', '250.50', '1000.00']);
    expect(new Set(seen.map((t) => t.id)).size).toBe(5);

    const payments = expectNoErrors(
      (
        await send(
          server,
          TradesDocument,
          { first: 10, filter: { customerId: filter.customerId, kind: ['PAYMENT'] } },
          manager,
        )
      ).body,
    ).trades;
    expect(payments.edges.map((e) => [e.node.kind, e.node.amount])).toEqual([['PAYMENT', '50.00']]);
  });

  it('finds a trade by trade(id) and node(id), and answers null for unknown ids', async () => {
    const t = await record(await makeCustomer(server.ds), { amount: '42' });
    expect(expectNoErrors((await send(server, TradeDocument, { id: t.id }, manager)).body).trade).toMatchObject({
      id: t.id,
      tradeNo: t.tradeNo,
      amount: '42.00',
    });
    expect(expectNoErrors((await send(server, TradeNodeDocument, { id: t.id }, manager)).body).node).toEqual({
      __typename: 'Trade',
      id: t.id,
      tradeNo: t.tradeNo,
      amount: '42.00',
    });
    expect(
      expectNoErrors((await send(server, TradeDocument, { id: gid('Trade', 99_999_999) }, manager)).body).trade,
    ).toBeNull();
  });

  it('loads Customer.trades(first: 3) for a page of customers, newest first', async () => {
    const tag = `交易页${Date.now()}`;
    const [busy, quiet, idle] = [
      await makeCustomer(server.ds, { name: `${tag}甲` }),
      await makeCustomer(server.ds, { name: `${tag}乙` }),
      await makeCustomer(server.ds, { name: `${tag}丙` }),
    ];
    const busyTrades = [];
    for (let day = 1; day <= 5; day++)
      busyTrades.push(await record(busy, { occurredAt: `2024-06-0${day}T00:00:00.000Z` }));
    const quietTrades = [
      await record(quiet, { occurredAt: '2024-01-01T00:00:00.000Z' }),
      await record(quiet, { occurredAt: '2024-02-01T00:00:00.000Z' }),
    ];
    const page = expectNoErrors(
      (
        await send(
          server,
          CustomersWithTradesDocument,
          {
            first: 10,
            filter: { search: tag },
            orderBy: { field: 'NAME', direction: 'ASC' },
            tradesFirst: 3,
          },
          manager,
        )
      ).body,
    ).customers;
    const byCustomer = Object.fromEntries(page.edges.map((e) => [e.node.id, e.node.trades]));
    expect(Object.keys(byCustomer)).toHaveLength(3);
    const nos = (list: { tradeNo: string }[]) => list.map((t) => t.tradeNo);
    expect(byCustomer[gid('Customer', busy.id)]).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    expect(nos(byCustomer[gid('Customer', busy.id)].edges.map((e) => e.node))).toEqual(
      nos(busyTrades.slice(2).reverse()),
    );
    expect(byCustomer[gid('Customer', quiet.id)]).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
    expect(nos(byCustomer[gid('Customer', quiet.id)].edges.map((e) => e.node))).toEqual(nos(quietTrades.reverse()));
    expect(byCustomer[gid('Customer', idle.id)]).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false },
      edges: [],
    });
  });

  it("hides an A-class customer's trades from analyst in trades, trade(id) and node(id), not from sales_manager", async () => {
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const plain = await makeCustomer(server.ds);
    const hidden = await record(secret, { amount: '777' });
    await record(plain, { amount: '1' });
    const analyst: GqlOptions = { role: 'analyst' };
    expect(expectNoErrors((await send(server, TradeDocument, { id: hidden.id }, analyst)).body).trade).toBeNull();
    expect(expectNoErrors((await send(server, TradeNodeDocument, { id: hidden.id }, analyst)).body).node).toBeNull();
    const bySecret = { customerId: gid('Customer', secret.id) };
    const listed = expectNoErrors(
      (await send(server, TradesDocument, { first: 10, filter: bySecret }, analyst)).body,
    ).trades;
    expect(listed).toMatchObject({ totalCount: 0, edges: [] });
    const [{ n }] = await server.ds.query(
      "SELECT COUNT(*) AS n FROM trade t JOIN customer c ON c.id = t.customer_id WHERE c.abc_class <> 'A'",
    );
    expect(expectNoErrors((await send(server, TradesDocument, { first: 1 }, analyst)).body).trades.totalCount).toBe(
      Number(n),
    );
    expect(expectNoErrors((await send(server, TradesDocument, { first: 1 }, manager)).body).trades.totalCount).toBe(
      await tradeRows(),
    );

    expect(expectNoErrors((await send(server, TradeDocument, { id: hidden.id }, manager)).body).trade?.amount).toBe(
      '777.00',
    );
    expect(expectNoErrors((await send(server, TradeNodeDocument, { id: hidden.id }, manager)).body).node).toMatchObject(
      { __typename: 'Trade', id: hidden.id },
    );
    const managerList = expectNoErrors(
      (await send(server, TradesDocument, { first: 10, filter: bySecret }, manager)).body,
    ).trades;
    expect(managerList.edges.map((e) => e.node.id)).toEqual([hidden.id]);
  });

  it('lets neither analyst nor partner record a trade (FORBIDDEN)', async () => {
    const c = await makeCustomer(server.ds);
    for (const role of ['analyst', 'partner'] as const) {
      const { body } = await send(server, CreateTradeDocument, { input: tradeInput(c) }, { role });
      expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await tradeRows(c.id)).toBe(0);
  });

  it("lets a sales rep record trades for its own customers only; someone else's is NOT_FOUND", async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const colleague = await makeUser(server.ds, RoleName.SALES_REP);
    const mine = await makeCustomer(server.ds, { ownerId: rep.id });
    const theirs = await makeCustomer(server.ds, { ownerId: colleague.id });
    const asRep: GqlOptions = { role: 'sales_rep', userId: rep.id };
    const own = await record(mine, { amount: '300' }, asRep);
    expect(own).toMatchObject({ amount: '300.00', handler: { id: gid('User', rep.id) } });
    const { body } = await send(server, CreateTradeDocument, { input: tradeInput(theirs) }, asRep);
    expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await tradeRows(theirs.id)).toBe(0);
    expect(await tradeRows(mine.id)).toBe(1);
  });
});

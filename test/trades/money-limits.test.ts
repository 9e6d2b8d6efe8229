import { Customer } from '../../src/customers/customer.entity';
import { Trade } from '../../src/trades/trade.entity';
import { PaymentMethod, TradeKind } from '../../src/trades/trade.enums';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer } from '../support/factories';
import { expectNoErrors, type GqlBody, type GqlOptions, startTestServer, type TestServer } from '../support/server';

/**
 * Money has business maxima (MONEY_LIMITS): 10,000,000,000.00 CNY per trade and per credit
 * limit, and a customer's totals at most 9,999,999,999,999.99, the widest value SQLite's
 * doubles keep exact to the cent. A probe once recorded two cash orders of
 * 9,999,999,999,999.99: the trade total outgrew what the Decimal scalar served, and every
 * page holding that customer answered data: null for every role.
 */
describeEachDialect('money limits', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const manager: GqlOptions = { role: 'sales_manager' };
  const TRADE = `id amount customer { tradeTotal tradeCount }`;
  const createTrade = (customerId: number, amount: string, kind = 'ORDER') =>
    server.gql<{ createTrade: { id: string; amount: string; customer: { tradeTotal: string; tradeCount: number } } }>(
      `mutation($input: CreateTradeInput!) { createTrade(input: $input) { ${TRADE} } }`,
      {
        input: {
          customerId: gid('Customer', customerId),
          kind,
          occurredAt: '2024-06-01T00:00:00.000Z',
          amount,
          paymentMethod: 'CASH',
        },
      },
      manager,
    );
  // Credit settings are finance's to write, company figures a manager's (the write table).
  const updateCustomer = (
    c: Pick<Customer, 'id' | 'version'>,
    fields: Record<string, unknown>,
    role: 'finance' | 'general_manager' = 'finance',
  ) =>
    server.gql<{ updateCustomer: Record<string, string> }>(
      `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { creditLimit registeredCapital version } }`,
      { input: { id: gid('Customer', c.id), version: c.version, ...fields } },
      { role },
    );
  const refusal = (body: GqlBody<unknown>) => ({
    data: body.data ?? null,
    code: body.errors?.[0].extensions?.code,
    fields: (body.errors?.[0].extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field),
  });
  const trades = (customerId: number) => server.ds.getRepository(Trade).countBy({ customerId });

  it('refuses amounts over the business maximum, on create and update, naming the field and writing nothing', async () => {
    const c = await makeCustomer(server.ds);
    for (const amount of ['10000000000.01', '9999999999999.99']) {
      const { body } = await createTrade(c.id, amount);
      expect(refusal(body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: ['amount'] });
      expect(body.errors?.[0].message).toContain('10000000000.00');
    }
    expect(await trades(c.id)).toBe(0);

    const largest = expectNoErrors((await createTrade(c.id, '10000000000')).body).createTrade;
    expect(largest).toMatchObject({
      amount: '10000000000.00',
      customer: { tradeTotal: '10000000000.00', tradeCount: 1 },
    });
    const raise = await server.gql(
      `mutation($input: UpdateTradeInput!) { updateTrade(input: $input) { id } }`,
      { input: { id: largest.id, version: 1, amount: '10000000000.01' } },
      manager,
    );
    expect(refusal(raise.body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: ['amount'] });

    const limit = await updateCustomer(c, { creditLimit: '10000000000.01' });
    expect(refusal(limit.body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: ['creditLimit'] });
    // The largest limit stands (raised by a general manager's approval, then kept by finance); company figures keep the
    // wider maximum: the largest groups have capital and sales of 10^12 CNY.
    await server.ds
      .createQueryBuilder()
      .update(Customer)
      .set({ creditLimit: '10000000000.00' })
      .where('id = :id', { id: c.id })
      .execute();
    const { version } = await server.ds.getRepository(Customer).findOneByOrFail({ id: c.id });
    const limitSet = expectNoErrors(
      (await updateCustomer({ id: c.id, version }, { creditLimit: '10000000000' })).body,
    ).updateCustomer;
    const figures = expectNoErrors(
      (
        await updateCustomer(
          { id: c.id, version: Number(limitSet.version) },
          { registeredCapital: '9999999999999.99' },
          'general_manager',
        )
      ).body,
    ).updateCustomer;
    expect(figures).toMatchObject({ creditLimit: '10000000000.00', registeredCapital: '9999999999999.99' });
  });

  it("keeps a customer's totals within 9,999,999,999,999.99, exact to the cent on both databases", async () => {
    const c = await makeCustomer(server.ds);
    const rows = Array.from({ length: 999 }, (_, i) => ({
      tradeNo: `ML${dialect}${c.id}-${i}`,
      customerId: c.id,
      kind: TradeKind.ORDER,
      occurredAt: new Date('2024-01-01T00:00:00Z'),
      amount: '10000000000.00',
      paymentMethod: PaymentMethod.CASH,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await server.ds
        .createQueryBuilder()
        .insert()
        .into(Trade)
        .values(rows.slice(i, i + 200))
        .execute();

    const over = await createTrade(c.id, '10000000000.00');
    expect(refusal(over.body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: ['amount'] });
    expect(over.body.errors?.[0].message).toContain('9999999999999.99');
    expect(await trades(c.id)).toBe(999);

    const fits = expectNoErrors((await createTrade(c.id, '9999999999.99')).body).createTrade;
    expect(fits.customer).toEqual({ tradeTotal: '9999999999999.99', tradeCount: 1000 });
    // Returns count with the orders: their sum is what SQLite adds up in doubles.
    const aReturn = await createTrade(c.id, '0.01', 'RETURN');
    expect(refusal(aReturn.body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: ['amount'] });
    const stored = await server.ds.getRepository(Customer).findOneByOrFail({ id: c.id });
    expect([stored.tradeTotal, stored.tradeCount]).toEqual(['9999999999999.99', 1000]);
  });

  const page = (search: string) =>
    server.gql<{
      customers: {
        edges: {
          node: { name: string; tradeTotal: string | null; trades: { edges: { node: { amount: string } }[] } };
        }[];
      };
    }>(
      `query($search: String) { customers(first: 10, filter: { search: $search }, orderBy: { field: ARCHIVE_NO, direction: ASC }) {
       edges { node { name tradeTotal trades(first: 1) { edges { node { amount } } } } } } }`,
      { search },
      { role: 'analyst' },
    );

  it("serves totals that earlier writes left wider than today's limits, in every list", async () => {
    const name = `宽值${dialect}`;
    const wide = await makeCustomer(server.ds, { name: `${name}甲`, archiveNo: `W${dialect}1` });
    await makeCustomer(server.ds, { name: `${name}乙`, archiveNo: `W${dialect}2`, tradeTotal: '12.30' });
    // What the probe's two orders left behind, before amounts had a maximum.
    await server.ds.query('UPDATE customer SET trade_total = ? WHERE id = ?', ['19999999999999.98', wide.id]);
    const data = expectNoErrors((await page(name)).body);
    expect(data.customers.edges.map((e) => e.node.tradeTotal)).toEqual(['19999999999999.98', '12.30']);
  });

  // MySQL's DECIMAL column holds nothing the scalar cannot serve; SQLite's may hold any text.
  if (dialect === 'sqlite')
    it('a stored value that is no number fails at its own path only, the rest of the page intact', async () => {
      const name = `坏值${dialect}`;
      const bad = await makeCustomer(server.ds, { name: `${name}甲`, archiveNo: `B${dialect}1` });
      await makeCustomer(server.ds, { name: `${name}乙`, archiveNo: `B${dialect}2`, tradeTotal: '12.30' });
      await server.ds.query('UPDATE customer SET trade_total = ? WHERE id = ?', ['not a number', bad.id]);
      await server.ds.getRepository(Trade).insert({
        tradeNo: `B${dialect}`,
        customerId: bad.id,
        kind: TradeKind.ORDER,
        occurredAt: new Date(),
        amount: '5.00',
        paymentMethod: PaymentMethod.CASH,
      });
      await server.ds.query('UPDATE trade SET amount = ? WHERE trade_no = ?', ['garbage', `B${dialect}`]);

      const { body } = await page(name);
      expect(
        body.data?.customers.edges.map((e) => [
          e.node.name,
          e.node.tradeTotal,
          e.node.trades.edges.map((t) => t.node.amount),
        ]),
      ).toEqual([
        [`${name}甲`, null, [null]],
        [`${name}乙`, '12.30', []],
      ]);
      expect(body.errors?.map((e) => e.path?.join('.')).sort()).toEqual([
        'customers.edges.0.node.tradeTotal',
        'customers.edges.0.node.trades.edges.0.node.amount',
      ]);
    });
});

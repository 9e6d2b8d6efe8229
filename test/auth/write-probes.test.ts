import { Customer } from '../../src/customers/customer.entity';
import { RoleName } from '../../src/auth/roles';
import { Trade } from '../../src/trades/trade.entity';
import { Visit } from '../../src/visits/visit.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';

/**
 * The write probes of issue 13 (High 2), as they were run from outside: each was written
 * before, and each is refused now with nothing written. The full role × field matrix is
 * test/auth/write-matrix.test.ts; these pin what the table must say for the cases.
 */
describeEachDialect('write probes', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const createTrade = 'mutation ($input: CreateTradeInput!) { createTrade(input: $input) { id } }';
  const updateCustomer = 'mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id } }';
  const createCustomer = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }';
  const trade = (c: Customer, over: Record<string, unknown> = {}) => ({
    customerId: gid('Customer', c.id),
    kind: 'ORDER',
    paymentMethod: 'CASH',
    amount: '100',
    occurredAt: '2024-05-01T00:00:00.000Z',
    ...over,
  });
  const row = (c: Customer) => server.ds.getRepository(Customer).findOneByOrFail({ id: c.id });
  const trades = (c: Customer) => server.ds.getRepository(Trade).countBy({ customerId: c.id });
  const rep = async () => {
    const user = await makeUser(server.ds, RoleName.SALES_REP);
    return { user, opts: { role: 'sales_rep', userId: user.id } as GqlOptions };
  };

  it('a sales rep records no PAYMENT, so cannot zero the balance and then order the whole limit', async () => {
    const { user, opts } = await rep();
    const c = await makeCustomer(server.ds, {
      ownerId: user.id,
      creditLimit: '10000.00',
      outstandingBalance: '9000.00',
    });
    const payment = await server.gql(createTrade, { input: trade(c, { kind: 'PAYMENT', amount: '9000' }) }, opts);
    expect(errorCodes(payment.body)).toEqual(['FORBIDDEN']);
    expect(payment.body.errors?.[0].message).toContain('PAYMENT');
    const order = await server.gql(
      createTrade,
      { input: trade(c, { paymentMethod: 'CREDIT', amount: '10000' }) },
      opts,
    );
    expect(errorCodes(order.body)).toEqual(['CREDIT_LIMIT_EXCEEDED']);
    expect(await trades(c)).toBe(0);
    expect((await row(c)).outstandingBalance).toBe('9000.00');

    // Payments are finance's work.
    expectNoErrors(
      (await server.gql(createTrade, { input: trade(c, { kind: 'PAYMENT', amount: '9000' }) }, { role: 'finance' }))
        .body,
    );
    expect((await row(c)).outstandingBalance).toBe('0.00');
  });

  it("a sales rep reassigns no customer and records no trade or visit in another employee's name", async () => {
    const { user, opts } = await rep();
    const colleague = await makeUser(server.ds, RoleName.SALES_REP);
    const c = await makeCustomer(server.ds, { ownerId: user.id });
    const other = gid('User', colleague.id);
    const attempts = [
      await server.gql(
        updateCustomer,
        { input: { id: gid('Customer', c.id), version: c.version, ownerId: other } },
        opts,
      ),
      await server.gql(createCustomer, { input: { name: '代建客户', kind: 'ENTERPRISE', ownerId: other } }, opts),
      await server.gql(createTrade, { input: trade(c, { handlerId: other }) }, opts),
      await server.gql(
        'mutation ($input: CreateVisitInput!) { createVisit(input: $input) { id } }',
        { input: { customerId: gid('Customer', c.id), kind: 'VISIT', subject: '代拜访', userId: other } },
        opts,
      ),
    ];
    expect(attempts.map((a) => errorCodes(a.body))).toEqual([
      ['FORBIDDEN'],
      ['FORBIDDEN'],
      ['FORBIDDEN'],
      ['FORBIDDEN'],
    ]);
    expect(attempts.map((a) => a.body.errors?.[0].message)).toEqual([
      expect.stringContaining('ownerId'),
      expect.stringContaining('ownerId'),
      expect.stringContaining('handlerId'),
      expect.stringContaining('userId'),
    ]);
    expect(await row(c)).toMatchObject({ ownerId: user.id, version: c.version });
    expect(await trades(c)).toBe(0);
    expect(await server.ds.getRepository(Visit).countBy({ customerId: c.id })).toBe(0);
    expect(await server.ds.getRepository(Customer).countBy({ name: '代建客户' })).toBe(0);

    // A manager reassigns.
    const manager: GqlOptions = {
      role: 'sales_manager',
      userId: (await makeUser(server.ds, RoleName.SALES_MANAGER)).id,
    };
    expectNoErrors(
      (
        await server.gql(
          updateCustomer,
          { input: { id: gid('Customer', c.id), version: c.version, ownerId: other } },
          manager,
        )
      ).body,
    );
    expect((await row(c)).ownerId).toBe(colleague.id);
  });

  it('finance and archive_admin neither rename a customer nor change its owner; finance sets credit', async () => {
    const c = await makeCustomer(server.ds, { name: '原名有限公司' });
    const owner = gid('User', (await makeUser(server.ds, RoleName.SALES_REP)).id);
    const id = gid('Customer', c.id);
    for (const role of ['finance', 'archive_admin'] as const) {
      for (const change of [{ name: '新名有限公司' }, { ownerId: owner }]) {
        const { body } = await server.gql(updateCustomer, { input: { id, version: c.version, ...change } }, { role });
        expect({ role, change, codes: errorCodes(body) }).toEqual({ role, change, codes: ['FORBIDDEN'] });
      }
    }
    expect(await row(c)).toMatchObject({ name: '原名有限公司', ownerId: null, version: c.version });
    expectNoErrors(
      (
        await server.gql(
          updateCustomer,
          { input: { id, version: c.version, creditLimit: '20000' } },
          { role: 'finance' },
        )
      ).body,
    );
    expect((await row(c)).creditLimit).toBe('20000.00');
  });

  it("takes each role's rule whole for a token with several roles", async () => {
    const user = await makeUser(server.ds, RoleName.SALES_REP);
    const both: GqlOptions = { role: ['sales_rep', 'finance'], userId: user.id };
    const mine = await makeCustomer(server.ds, { ownerId: user.id });
    const theirs = await makeCustomer(server.ds);
    // finance's rule: payments of any customer, in one's own name.
    expectNoErrors((await server.gql(createTrade, { input: trade(theirs, { kind: 'PAYMENT' }) }, both)).body);
    // sales_rep's rule: orders of own customers only; finance's does not lend it other customers.
    expect(errorCodes((await server.gql(createTrade, { input: trade(theirs) }, both)).body)).toEqual(['NOT_FOUND']);
    expectNoErrors((await server.gql(createTrade, { input: trade(mine) }, both)).body);
    expect([await trades(mine), await trades(theirs)]).toEqual([1, 1]);
  });
});

import { RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { CreditOverride } from '../../src/credit/credit-override.entity';
import { Customer } from '../../src/customers/customer.entity';
import { type User } from '../../src/users/user.entity';
import {
  ApproveCreditLimitRaiseDocument,
  ApproveCreditOverrideDocument,
  CreditOrderDocument,
  CreditOverrideNodeDocument,
  CreditOverridesDocument,
  type CreateTradeInput,
  CustomerCreditDocument,
  RejectCreditOverrideDocument,
  RequestCreditLimitRaiseDocument,
  RequestCreditOverrideDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';
import { approvedArchive, as } from '../support/workflow';
import { collect, type Received, wsClient } from '../changes/ws-client';

const DAY = 86_400_000;

/**
 * Credit overrides as the regulation runs them (seed 003: 超出资信度发货,必须经事业部总经理签字
 * 确认后,才可开单; 新开客户前一个月合作采用现款形式): from a new archive's approval through its
 * cash-only month, a general manager's override for one order, and the limit afterwards.
 */
describeEachDialect('credit overrides', (dialect) => {
  let server: TestServer;
  let now = Date.now();
  let rep: User;
  let manager: User;
  let gm: User;
  let gm2: User;
  let finance: User;
  beforeAll(async () => {
    server = await startTestServer(dialect, { clock: () => new Date(now) });
    [rep, manager, gm, gm2, finance] = await Promise.all([
      makeUser(server.ds, RoleName.SALES_REP),
      makeUser(server.ds, RoleName.SALES_MANAGER),
      makeUser(server.ds, RoleName.GENERAL_MANAGER),
      makeUser(server.ds, RoleName.GENERAL_MANAGER),
      makeUser(server.ds, RoleName.FINANCE),
    ]);
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    now = Date.now();
  });

  const order = (
    customerId: string,
    amount: string,
    over: Partial<CreateTradeInput> = {},
    opts: GqlOptions = as(rep),
  ) =>
    send(
      server,
      CreditOrder,
      {
        input: {
          customerId,
          kind: 'ORDER',
          paymentMethod: 'CREDIT',
          amount,
          occurredAt: new Date(now).toISOString(),
          ...over,
        },
      },
      opts,
    );
  const CreditOrder = CreditOrderDocument;
  const ask = async (customerId: string, amount: string, opts: GqlOptions = as(rep)) =>
    expectNoErrors(
      (
        await send(
          server,
          RequestCreditOverrideDocument,
          { input: { customerId, amount, reason: '老客户旺季备货需求' } },
          opts,
        )
      ).body,
    ).requestCreditOverride;
  const approve = (o: { id: string; version: number }, opts: GqlOptions = as(gm)) =>
    send(server, ApproveCreditOverrideDocument, { id: o.id, version: o.version }, opts);
  const credit = async (id: string) =>
    expectNoErrors((await send(server, CustomerCreditDocument, { id }, as(finance))).body).customer!;
  /** The limit as a user gets it: requested by the rep, approved by a general manager. */
  const setLimit = async (customerId: string, newLimit: string) => {
    const asked = (
      await send(
        server,
        RequestCreditLimitRaiseDocument,
        { input: { customerId, newLimit, reason: '年度合作额度' } },
        as(rep),
      )
    ).body;
    // The limit it replaces is a credit field: the rep gets it as null with FORBIDDEN.
    expect(asked.errors?.map((e) => e.path?.join('.'))).toEqual(['requestCreditLimitRaise.oldLimit']);
    const raise = asked.data!.requestCreditLimitRaise;
    expectNoErrors(
      (await send(server, ApproveCreditLimitRaiseDocument, { id: raise.id, version: raise.version }, as(gm))).body,
    );
  };

  it("takes a new customer from its cash-only month through a general manager's override to its credit limit", async () => {
    const customer = await approvedArchive(server, rep, manager);
    await setLimit(customer.id, '5000');

    // 新开客户前一个月合作采用现款形式: credit is refused with its own code, cash is not.
    const early = await order(customer.id, '1000');
    expect(errorCodes(early.body)).toEqual(['NEW_CUSTOMER_CASH_ONLY']);
    expect(early.body.errors?.[0].message).toContain('requestCreditOverride');
    expect(Date.parse(early.body.errors?.[0].extensions?.until as string)).toBeGreaterThan(now + 27 * DAY);
    expectNoErrors((await order(customer.id, '20000', { paymentMethod: 'CASH' })).body);

    // The rep asks; neither the rep nor the asking general manager may approve its own request.
    const asked = await ask(customer.id, '1000');
    expect(asked).toMatchObject({
      status: 'REQUESTED',
      usable: false,
      amount: '1000.00',
      requestedBy: { id: gid('User', rep.id) },
    });
    expect(errorCodes((await approve(asked, as(rep))).body)).toEqual(['FORBIDDEN']);
    expect(errorCodes((await approve(asked, { role: 'sales_manager', userId: manager.id })).body)).toEqual([
      'FORBIDDEN',
    ]);
    const own = await ask(customer.id, '1000', as(gm));
    expect(errorCodes((await approve(own, as(gm))).body)).toEqual(['FORBIDDEN']);

    const approved = expectNoErrors((await approve(asked)).body).approveCreditOverride;
    expect(approved).toMatchObject({ status: 'APPROVED', usable: true, decidedBy: { id: gid('User', gm.id) } });
    expect(Date.parse(approved.expiresAt!)).toBe(now + 7 * DAY);
    // A stale version is a conflict; deciding twice is refused.
    expect(errorCodes((await approve(asked, as(gm2))).body)).toEqual(['CONFLICT']);
    expect(errorCodes((await approve(approved, as(gm2))).body)).toEqual(['BAD_USER_INPUT']);

    // The order names the override: at most its amount, for its customer, on credit, once.
    expect(errorCodes((await order(customer.id, '1000.01', { overrideId: approved.id })).body)).toEqual([
      'CREDIT_OVERRIDE_UNUSABLE',
    ]);
    expect(
      errorCodes((await order(customer.id, '1000', { overrideId: approved.id, paymentMethod: 'CASH' })).body),
    ).toEqual(['CREDIT_OVERRIDE_UNUSABLE']);
    const other = await approvedArchive(server, rep, manager);
    expect(errorCodes((await order(other.id, '1000', { overrideId: approved.id })).body)).toEqual(['NOT_FOUND']);
    const used = expectNoErrors((await order(customer.id, '1000', { overrideId: approved.id })).body).createTrade;
    const after = expectNoErrors(
      (await send(server, CreditOverrideNodeDocument, { id: approved.id }, as(finance))).body,
    ).node;
    expect(after).toMatchObject({ __typename: 'CreditOverride', status: 'USED' });
    const [row] = await server.ds
      .getRepository(CreditOverride)
      .findBy({ customerId: (await customerRow(customer.id)).id, status: 'USED' as never });
    expect(row).toMatchObject({ usedByTradeId: rowId(used.id) });
    const again = await order(customer.id, '500', { overrideId: approved.id });
    expect(errorCodes(again.body)).toEqual(['CREDIT_OVERRIDE_UNUSABLE']);
    expect(again.body.errors?.[0].message).toContain('used once');
    expect((await credit(customer.id)).outstandingBalance).toBe('1000.00');

    // Who asked, who approved and which order used it: change events in the same transactions.
    const events = await server.ds
      .getRepository(ChangeEvent)
      .find({ where: { recordType: 'CreditOverride', recordId: row.id }, order: { seq: 'ASC' } });
    expect(events.map((e) => [e.operation, e.actorUserId])).toEqual([
      ['CREATED', rep.id],
      ['UPDATED', gm.id],
      ['UPDATED', rep.id],
    ]);
    expect(events[2].changedFields.split(',')).toEqual(['status', 'usedByTradeId', 'usedAt']);

    // After the first month the limit rules: 1000 + 3000 fits 5000, 1500 more does not.
    now += 32 * DAY;
    expectNoErrors((await order(customer.id, '3000')).body);
    const over = await order(customer.id, '1500.01');
    expect(errorCodes(over.body)).toEqual(['CREDIT_LIMIT_EXCEEDED']);
    expect(over.body.errors?.[0].extensions?.overBy).toBeUndefined();
    expect(over.body.errors?.[0].message).toContain('requestCreditOverride');
    expect((await order(customer.id, '1500.01', {}, as(finance))).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // An override expires: approved, then unused for longer than CREDIT_OVERRIDE_DAYS.
    const late = expectNoErrors((await approve(await ask(customer.id, '2000'))).body).approveCreditOverride;
    now += 7 * DAY + 1;
    const expired = await order(customer.id, '1500.01', { overrideId: late.id });
    expect(errorCodes(expired.body)).toEqual(['CREDIT_OVERRIDE_UNUSABLE']);
    expect(expired.body.errors?.[0].message).toContain('expired');

    // A fresh one takes the balance over the limit, for that order only.
    const fresh = expectNoErrors((await approve(await ask(customer.id, '2000'))).body).approveCreditOverride;
    expectNoErrors((await order(customer.id, '1500.01', { overrideId: fresh.id })).body);
    expect(await credit(customer.id)).toMatchObject({ outstandingBalance: '5500.01', creditLimit: '5000.00' });
    expect(errorCodes((await order(customer.id, '0.01')).body)).toEqual(['CREDIT_LIMIT_EXCEEDED']);
  });

  it('lets samples up to CREDIT_CHECK_EXEMPT_MAX through the credit checks (样品), not larger ones', async () => {
    const customer = await approvedArchive(server, rep, manager);
    expectNoErrors((await order(customer.id, '10000', { sample: true })).body);
    expect(errorCodes((await order(customer.id, '10000.01', { sample: true })).body)).toEqual([
      'NEW_CUSTOMER_CASH_ONLY',
    ]);
    now += 32 * DAY;
    // Over the limit (0) as well; a sample still counts in the balance.
    expectNoErrors((await order(customer.id, '9999.99', { sample: true })).body);
    expect(errorCodes((await order(customer.id, '10000.01', { sample: true })).body)).toEqual([
      'CREDIT_LIMIT_EXCEEDED',
    ]);
    expect((await credit(customer.id)).outstandingBalance).toBe('19999.99');
  });

  it('shows requests to their requester and to credit readers only, in lists, node(id) and the change feed', async () => {
    const otherRep = await makeUser(server.ds, RoleName.SALES_REP);
    const customer = await approvedArchive(server, rep, manager);
    const asked = await ask(customer.id, '800');
    const rejected = expectNoErrors(
      (
        await send(
          server,
          RejectCreditOverrideDocument,
          { id: asked.id, version: asked.version, note: '账期内有逾期欠款' },
          as(gm),
        )
      ).body,
    ).rejectCreditOverride;
    expect(rejected).toMatchObject({ status: 'REJECTED', decisionNote: '账期内有逾期欠款', usable: false });
    expect(errorCodes((await order(customer.id, '800', { overrideId: asked.id })).body)).toEqual([
      'CREDIT_OVERRIDE_UNUSABLE',
    ]);

    const list = async (opts: GqlOptions) =>
      (await send(server, CreditOverridesDocument, { first: 100, filter: { customerId: customer.id } }, opts)).body;
    expect(expectNoErrors(await list(as(rep))).creditOverrides.totalCount).toBe(1);
    expect(expectNoErrors(await list(as(finance))).creditOverrides.totalCount).toBe(1);
    expect(expectNoErrors(await list(as(otherRep))).creditOverrides.totalCount).toBe(0);
    for (const role of ['partner', 'analyst', 'customer_service', 'archive_admin'] as const) {
      expect(errorCodes(await list({ role }))).toEqual(['FORBIDDEN']);
      expect(
        expectNoErrors((await send(server, CreditOverrideNodeDocument, { id: asked.id }, { role })).body).node,
      ).toBeNull();
    }
    expect(
      expectNoErrors((await send(server, CreditOverrideNodeDocument, { id: asked.id }, as(otherRep))).body).node,
    ).toBeNull();

    const feed = async (opts: GqlOptions) => {
      const body = expectNoErrors(
        (
          await server.gql<{ changes: { edges: { node: { recordType: string; recordId: string } }[] } }>(
            '{ changes(first: 100) { edges { node { recordType recordId } } } }',
            {},
            opts,
          )
        ).body,
      );
      return body.changes.edges.filter((e) => e.node.recordId === asked.id).length;
    };
    expect(await feed(as(finance))).toBe(2);
    for (const role of ['partner', 'analyst', 'archive_admin'] as const) expect(await feed({ role })).toBe(0);
    expect(await feed(as(rep))).toBe(0);
  });

  it('delivers override events live to credit readers only', async () => {
    const customer = await approvedArchive(server, rep, manager);
    const query = `subscription($customerId: ID) { recordChanged(customerId: $customerId) {
      recordType record { id ... on CreditOverride { status } ... on Trade { amount } } } }`;
    type Got = { recordType: string; record: { status?: string; amount?: string } | null };
    const got = (r: Received) => r.data?.recordChanged as Got;
    const isLast = (g: Got) => g?.recordType === 'TRADE' && g.record?.amount === '77.00';
    const subscribe = async (opts: GqlOptions) => {
      const client = wsClient(server, `Bearer ${await server.token(opts.role!, opts.userId)}`);
      return {
        client,
        sub: collect(client, query, { customerId: customer.id }, (all) => all.some((r) => isLast(got(r)))),
      };
    };
    const subs = [await subscribe(as(finance)), await subscribe({ role: 'archive_admin' }), await subscribe(as(rep))];
    // Live, not replayed: cash orders until every subscriber has had one (the facts that they are listening).
    while (subs.some((x) => x.sub.all.length === 0))
      expectNoErrors((await order(customer.id, '1', { paymentMethod: 'CASH' })).body);
    await ask(customer.id, '300');
    expectNoErrors((await order(customer.id, '77', { paymentMethod: 'CASH' })).body);
    const [forFinance, forAdmin, forRep] = await Promise.all(
      subs.map(async (x) => {
        const all = await x.sub.done;
        await x.client.dispose();
        return all
          .map(got)
          .filter((g) => g.recordType === 'CREDIT_OVERRIDE' || isLast(g))
          .map((g) => [g.recordType, g.record?.status ?? null]);
      }),
    );
    expect(forFinance).toEqual([
      ['CREDIT_OVERRIDE', 'REQUESTED'],
      ['TRADE', null],
    ]);
    expect(forAdmin).toEqual([['TRADE', null]]);
    expect(forRep).toEqual([['TRADE', null]]);
  });

  it('lets two orders racing for one override have it once', async () => {
    const customer = await approvedArchive(server, rep, manager);
    const approved = expectNoErrors((await approve(await ask(customer.id, '700'))).body).approveCreditOverride;
    const bodies = await Promise.all([
      order(customer.id, '700', { overrideId: approved.id }),
      order(customer.id, '600', { overrideId: approved.id }, as(gm2)),
    ]);
    expect(bodies.map((b) => errorCodes(b.body).join()).sort()).toEqual(['', 'CREDIT_OVERRIDE_UNUSABLE']);
    expect((await credit(customer.id)).tradeCount).toBe(1);
  });

  it('refuses requests from roles that record neither orders nor payments, and for customers the rep does not own', async () => {
    const customer = await approvedArchive(server, rep, manager);
    const input = { customerId: customer.id, amount: '100', reason: '临时加单需求' };
    for (const opts of [
      { role: 'customer_service' as const },
      { role: 'analyst' as const },
      { role: 'partner' as const },
    ]) {
      expect(errorCodes((await send(server, RequestCreditOverrideDocument, { input }, opts)).body)).toEqual([
        'FORBIDDEN',
      ]);
    }
    const stranger = await makeUser(server.ds, RoleName.SALES_REP);
    expect(errorCodes((await send(server, RequestCreditOverrideDocument, { input }, as(stranger))).body)).toEqual([
      'NOT_FOUND',
    ]);
    expect(
      errorCodes(
        (await send(server, RequestCreditOverrideDocument, { input: { ...input, amount: '0' } }, as(rep))).body,
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        (await send(server, RequestCreditOverrideDocument, { input: { ...input, reason: '  急  ' } }, as(rep))).body,
      ),
    ).toEqual(['BAD_USER_INPUT']);
    const draft = await makeCustomer(server.ds, { status: 'PENDING_APPROVAL' as never, ownerId: rep.id });
    expect(
      errorCodes(
        (
          await send(
            server,
            RequestCreditOverrideDocument,
            { input: { ...input, customerId: gid('Customer', draft.id) } },
            as(rep),
          )
        ).body,
      ),
    ).toEqual(['ARCHIVE_NOT_APPROVED']);
    // Finance records payments for any customer, so it may ask too.
    expectNoErrors((await send(server, RequestCreditOverrideDocument, { input }, as(finance))).body);
    expect(
      await server.ds.getRepository(CreditOverride).countBy({ customerId: (await customerRow(customer.id)).id }),
    ).toBe(1);
  });

  const customerRow = (id: string) => server.ds.getRepository(Customer).findOneByOrFail({ id: rowId(id) });
});

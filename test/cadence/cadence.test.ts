import { RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { Customer } from '../../src/customers/customer.entity';
import { type User } from '../../src/users/user.entity';
import {
  CancelTradeDocument,
  CustomerCadenceDocument,
  DecliningCustomersDocument,
  EditTouchDocument,
  LogTouchDocument,
  OverdueFollowUpsDocument,
  OverrideClassDocument,
  PlaceOrderDocument,
  SetPurchaseCycleDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';
import { approvedArchive, as } from '../support/workflow';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const plusMonths = (ms: number, months: number) => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

/**
 * 回访 and 业务下滑提醒 (issue 15 section 3, DOMAIN rules 3 and 4), from approveArchive and
 * createVisit/createTrade onward, with a cadence configured unlike the default to show the
 * configuration is what counts: calls every 10/5/3 days and visits every 3/2/1 months for C/B/A.
 */
describeEachDialect('contact cadence and decline alerts', (dialect) => {
  let server: TestServer;
  let rep: User;
  let otherRep: User;
  let manager: User;
  let now = Date.now();
  const clock = () => new Date(now);

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      env: { CALL_EVERY_DAYS: 'A:3,B:5,C:10', VISIT_EVERY_MONTHS: 'A:1,B:2,C:3' },
    });
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    otherRep = await makeUser(server.ds, RoleName.SALES_REP);
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    now = Date.now();
  });

  const overdue = async (owner = rep, caller = rep) =>
    expectNoErrors(
      (await send(server, OverdueFollowUpsDocument, { ownerId: gid('User', owner.id), first: 100 }, as(caller))).body,
    ).overdueFollowUps;
  const overdueOf = async (id: string) =>
    (await overdue()).edges.find((e) => e.node.id === id)?.node.overdueTouches ?? null;
  const declining = async () =>
    expectNoErrors((await send(server, DecliningCustomersDocument, { first: 100 }, as(rep))).body).decliningCustomers;
  const cadence = async (id: string) =>
    expectNoErrors((await send(server, CustomerCadenceDocument, { id }, as(manager))).body).customer!;
  const touch = async (customerId: string, kind: string, over: Record<string, unknown> = {}) =>
    expectNoErrors(
      (
        await send(
          server,
          LogTouchDocument,
          { input: { customerId, kind, subject: '回访', occurredAt: iso(now), ...over } as never },
          as(rep),
        )
      ).body,
    ).createVisit;
  const order = async (customerId: string, at: number) =>
    expectNoErrors(
      (
        await send(
          server,
          PlaceOrderDocument,
          { input: { customerId, kind: 'ORDER', amount: '500.00', paymentMethod: 'CASH', occurredAt: iso(at) } },
          as(rep),
        )
      ).body,
    ).createTrade;

  it('lists a customer whose call is overdue by its class, says since when, and a call that happened clears it', async () => {
    const c = await approvedArchive(server, rep, manager);
    const approvedAt = Date.parse(c.approvedAt!);
    expect(await cadence(c.id)).toMatchObject({
      abcClass: 'C',
      lastCallAt: null,
      nextCallDueAt: iso(approvedAt + 10 * DAY),
      nextVisitDueAt: iso(plusMonths(approvedAt, 3)),
    });
    expect(await overdueOf(c.id)).toBeNull();

    now = approvedAt + 11 * DAY;
    expect(await overdueOf(c.id)).toEqual([{ kind: 'PHONE_CALL', dueSince: iso(approvedAt + 10 * DAY) }]);
    // A planned call has not happened: still overdue. An email is no call.
    const planned = await touch(c.id, 'PHONE_CALL', { occurredAt: null, plannedAt: iso(now + DAY) });
    await touch(c.id, 'EMAIL');
    expect(await overdueOf(c.id)).toHaveLength(1);
    // The planned call happens: cleared, the next one due ten days later.
    expectNoErrors(
      (
        await send(
          server,
          EditTouchDocument,
          { input: { id: planned.id, version: planned.version, occurredAt: iso(now) } },
          as(rep),
        )
      ).body,
    );
    expect(await overdueOf(c.id)).toBeNull();
    expect(await cadence(c.id)).toMatchObject({ lastCallAt: iso(now), nextCallDueAt: iso(now + 10 * DAY) });

    // Three months on, both are overdue; a visit clears the visit and not the call.
    now = plusMonths(approvedAt, 3) + DAY;
    const callDue = Date.parse((await cadence(c.id)).nextCallDueAt!);
    expect(await overdueOf(c.id)).toEqual([
      { kind: 'PHONE_CALL', dueSince: iso(callDue) },
      { kind: 'VISIT', dueSince: iso(plusMonths(approvedAt, 3)) },
    ]);
    await touch(c.id, 'VISIT');
    expect(await overdueOf(c.id)).toEqual([{ kind: 'PHONE_CALL', dueSince: iso(callDue) }]);
    expect(await cadence(c.id)).toMatchObject({ lastVisitAt: iso(now), nextVisitDueAt: iso(plusMonths(now, 3)) });
  });

  it('moves the cadence with the class, in the change that moves the class', async () => {
    const c = await approvedArchive(server, rep, manager);
    await touch(c.id, 'PHONE_CALL');
    const called = now;
    now += 4 * DAY;
    expect(await overdueOf(c.id)).toBeNull();
    const promoted = expectNoErrors(
      (await send(server, OverrideClassDocument, { customerId: c.id, class: 'B', reason: '重点培养客户' }, as(manager)))
        .body,
    ).overrideClass;
    expect(promoted.nextCallDueAt).toBe(iso(called + 5 * DAY));
    now += 2 * DAY;
    expect(await overdueOf(c.id)).toEqual([{ kind: 'PHONE_CALL', dueSince: iso(called + 5 * DAY) }]);
    const [event] = await server.ds
      .getRepository(ChangeEvent)
      .find({ where: { recordType: 'Customer', recordId: rowId(c.id) }, order: { seq: 'DESC' }, take: 1 });
    expect(event.changedFields.split(',')).toEqual(
      expect.arrayContaining(['abcClass', 'nextCallDueAt', 'nextVisitDueAt']),
    );
  });

  it("lets an owner list its own customers, and managers anyone's", async () => {
    const c = await approvedArchive(server, rep, manager);
    now = Date.parse(c.approvedAt!) + 11 * DAY;
    const mine = await overdue(rep, rep);
    expect(mine.edges.map((e) => e.node.id)).toContain(c.id);
    expect((await overdue(rep, manager)).totalCount).toBe(mine.totalCount);
    const refused = await send(server, OverdueFollowUpsDocument, { ownerId: gid('User', rep.id) }, as(otherRep));
    expect(errorCodes(refused.body)).toEqual(['FORBIDDEN']);
    expect(
      errorCodes((await send(server, DecliningCustomersDocument, { ownerId: gid('User', rep.id) }, as(otherRep))).body),
    ).toEqual(['FORBIDDEN']);
    expect((await overdue(otherRep, otherRep)).totalCount).toBe(0);
    for (const role of ['finance', 'analyst', 'partner', 'customer_service'] as const) {
      expect(errorCodes((await send(server, OverdueFollowUpsDocument, {}, { role })).body)).toEqual(['FORBIDDEN']);
    }
  });

  it('takes an ownerId given as null as not given: the caller', async () => {
    const c = await approvedArchive(server, rep, manager);
    now = Date.parse(c.approvedAt!) + 11 * DAY;
    const mine = expectNoErrors(
      (await send(server, OverdueFollowUpsDocument, { ownerId: null, first: 100 }, as(rep))).body,
    ).overdueFollowUps;
    expect(mine.edges.map((e) => e.node.id)).toContain(c.id);
    expect(
      expectNoErrors((await send(server, DecliningCustomersDocument, { ownerId: null, first: 100 }, as(rep))).body)
        .decliningCustomers.totalCount,
    ).toBe((await declining()).totalCount);
  });

  it('raises a decline alert when no order comes within the median gap between orders, or the purchase cycle set', async () => {
    const c = await approvedArchive(server, rep, manager);
    const start = now - 60 * DAY;
    // Orders on days 0, 10 and 30 (two on day 10 are one purchase): gaps 10 and 20, median 15.
    for (const day of [0, 10, 10, 30]) await order(c.id, start + day * DAY);
    expect(await cadence(c.id)).toMatchObject({
      lastOrderAt: iso(start + 30 * DAY),
      nextPurchaseDueAt: iso(start + 45 * DAY),
      daysSinceLastOrder: 30,
    });
    const listed = async () => (await declining()).edges.find((e) => e.node.id === c.id)?.node ?? null;
    expect(await listed()).toMatchObject({ daysSinceLastOrder: 30 });

    // A cycle of its own (90 days) counts instead of the median: not declining yet.
    const current = await cadence(c.id);
    const set = await send(
      server,
      SetPurchaseCycleDocument,
      {
        input: {
          id: c.id,
          version: (await server.ds.getRepository(Customer).findOneByOrFail({ id: rowId(c.id) })).version,
          purchaseCycleDays: 90,
        },
      },
      as(rep),
    );
    expect(expectNoErrors(set.body).updateCustomer).toMatchObject({
      purchaseCycleDays: 90,
      nextPurchaseDueAt: iso(start + 120 * DAY),
    });
    expect(current.purchaseCycleDays).toBeNull();
    expect(await listed()).toBeNull();
    now = start + 121 * DAY;
    expect(await listed()).toMatchObject({ daysSinceLastOrder: 91 });

    // An order clears it; cancelling that order brings it back.
    const latest = await order(c.id, now);
    expect(await listed()).toBeNull();
    expectNoErrors(
      (
        await send(
          server,
          CancelTradeDocument,
          { id: latest.id, version: latest.version, reason: '客户撤回订单' },
          as(rep),
        )
      ).body,
    );
    expect(await listed()).toMatchObject({ lastOrderAt: iso(start + 30 * DAY) });
  });

  it('keeps the due columns as statistics: a visit moves them without a new customer version', async () => {
    const c = await approvedArchive(server, rep, manager);
    const version = (await server.ds.getRepository(Customer).findOneByOrFail({ id: rowId(c.id) })).version;
    const before = await server.ds.getRepository(ChangeEvent).count({ where: { customerId: rowId(c.id) } });
    await touch(c.id, 'PHONE_CALL');
    expect((await server.ds.getRepository(Customer).findOneByOrFail({ id: rowId(c.id) })).version).toBe(version);
    const events = await server.ds
      .getRepository(ChangeEvent)
      .find({ where: { customerId: rowId(c.id) }, order: { seq: 'ASC' }, skip: before, take: 100 });
    expect(events.map((e) => [e.recordType, e.operation, e.changedFields])).toEqual([
      ['Visit', 'CREATED', expect.any(String)],
      ['Customer', 'UPDATED', 'lastCallAt,nextCallDueAt,followUpDueAt'],
    ]);
  });
});

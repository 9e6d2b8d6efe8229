import { CLASSIFIERS } from '../../src/auth/policy';
import { RoleName, ROLES } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { ChangeHistory } from '../../src/outbox/change-history.entity';
import { JOBS } from '../../src/jobs/jobs';
import { type User } from '../../src/users/user.entity';
import {
  CancelTradeDocument,
  ClassLookupsDocument,
  HistoryDocument,
  ClearClassOverrideDocument,
  CustomerClassDocument,
  OverrideClassDocument,
  PlaceOrderDocument,
  RecomputeClassesDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';
import { approvedArchive, as } from '../support/workflow';

const DAY = 86_400_000;

/**
 * ABC分类 (issue 15 section 2, DOMAIN rule 2), from createCustomer → approveArchive → createTrade
 * onward: the ranking by trailing-12-month trade value, a manager's override and its clearing,
 * the history and change events of every class change, and the job for schedulers.
 */
describeEachDialect('ABC classification', (dialect) => {
  let server: TestServer;
  let rep: User;
  let manager: User;
  const now = Date.now();
  const clock = () => new Date(now);

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
  });
  afterAll(() => server.stop());

  const order = async (customerId: string, amount: string, over: Record<string, unknown> = {}) =>
    expectNoErrors(
      (
        await send(
          server,
          PlaceOrderDocument,
          {
            input: {
              customerId,
              kind: 'ORDER',
              amount,
              paymentMethod: 'CASH',
              occurredAt: new Date(now - DAY).toISOString(),
              ...over,
            } as never,
          },
          as(manager),
        )
      ).body,
    ).createTrade;
  const classOf = async (id: string) =>
    expectNoErrors((await send(server, CustomerClassDocument, { id }, as(manager))).body).customer!;
  const recompute = async () =>
    expectNoErrors((await send(server, RecomputeClassesDocument, {}, as(manager))).body).recomputeClasses;

  it('ranks approved archives by the last 12 months of orders minus returns: top 20 % A, next 40 % B, the rest C', async () => {
    // Ten approved archives with trade values 1000 … 10000, and what must not count.
    const archives: Awaited<ReturnType<typeof approvedArchive>>[] = [];
    for (let i = 0; i < 10; i++) archives.push(await approvedArchive(server, rep, manager));
    for (let i = 0; i < 10; i++) await order(archives[i].id, `${(i + 1) * 1000}.00`);
    // The smallest gets a large order from 13 months ago, the next a large cancelled order:
    // neither counts. The largest loses 9500 to a return and falls behind.
    await order(archives[0].id, '99000.00', { occurredAt: new Date(now - 395 * DAY).toISOString() });
    const cancelled = await order(archives[1].id, '99000.00');
    expectNoErrors(
      (
        await send(
          server,
          CancelTradeDocument,
          { id: cancelled.id, version: cancelled.version, reason: '客户取消订单' },
          as(manager),
        )
      ).body,
    );
    await order(archives[9].id, '9500.00', { kind: 'RETURN' });
    // A draft is no customer yet: not ranked, its class left alone.
    const draft = expectNoErrors(
      (
        await server.gql<{ createCustomer: { id: string } }>(
          'mutation { createCustomer(input: { name: "分级草稿有限公司", kind: ENTERPRISE }) { id } }',
          {},
          as(rep),
        )
      ).body,
    ).createCustomer;
    await server.ds.query('UPDATE customer SET abc_class = ? WHERE id = ?', ['B', rowId(draft.id)]);

    const run = await recompute();
    expect(run).toMatchObject({ ranked: 10, classA: 2, classB: 4, classC: 4, overridden: 0 });
    expect(Date.parse(run.windowTo) - Date.parse(run.windowFrom)).toBeGreaterThan(364 * DAY);
    // Values now: 1000, 2000, …, 9000 for archives 0–8, and 500 for archive 9.
    const classes = await Promise.all(archives.map(async (a) => (await classOf(a.id)).abcClass));
    expect(classes).toEqual(['C', 'C', 'C', 'B', 'B', 'B', 'B', 'A', 'A', 'C']);
    expect((await classOf(draft.id)).abcClass).toBe('B');

    // Each change is one event and one history entry, with the old class and why.
    const top = rowId(archives[8].id);
    const [event] = await server.ds.getRepository(ChangeEvent).find({
      where: { recordType: 'Customer', recordId: top, actorSubject: `${manager.id}` },
      order: { seq: 'DESC' },
      take: 1,
    });
    expect(event.changedFields.split(',')).toEqual(
      expect.arrayContaining(['abcClass', 'nextCallDueAt', 'nextVisitDueAt']),
    );
    const [entry] = await server.ds
      .getRepository(ChangeHistory)
      .find({ where: { recordType: 'Customer', recordId: top }, order: { id: 'DESC' }, take: 1 });
    expect(JSON.parse(entry.changes)).toEqual(expect.arrayContaining([{ f: 'abcClass', o: 'C', n: 'A' }]));
    expect(entry.note).toBe('ABC分类: trade value 9000.00 over 12 months ranks 1 of 10');

    // Nothing changed since: a second run changes nothing and writes nothing.
    const events = await server.ds.getRepository(ChangeEvent).count();
    expect((await recompute()).changed).toBe(0);
    expect(await server.ds.getRepository(ChangeEvent).count()).toBe(events);

    // An A-class archive is hidden at once from the rep who owns it (no grant), and shown to the manager.
    const lookups = async (opts: ReturnType<typeof as>) =>
      expectNoErrors(
        (await send(server, ClassLookupsDocument, { id: archives[8].id, archiveNo: archives[8].archiveNo }, opts)).body,
      );
    expect(await lookups(as(rep))).toEqual({ customer: null, node: null, customers: { totalCount: 0, edges: [] } });
    expect((await lookups(as(manager))).customers.totalCount).toBe(1);
  });

  it("keeps a manager's override over the ranking until it is cleared, then takes the computed class at once", async () => {
    const small = await approvedArchive(server, rep, manager);
    await order(small.id, '10.00');
    const override = (customerId: string, cls: string, reason: string, user = manager) =>
      send(server, OverrideClassDocument, { customerId, class: cls as never, reason }, as(user));

    // Who and what: managers only (CLASSIFIERS), with a reason, on approved archives.
    for (const role of ROLES.filter((r) => !CLASSIFIERS.includes(r))) {
      const user = await makeUser(server.ds, role as RoleName);
      expect({ role, codes: errorCodes((await override(small.id, 'A', '战略合作伙伴', user)).body) }).toEqual({
        role,
        codes: ['FORBIDDEN'],
      });
      expect({ role, codes: errorCodes((await send(server, RecomputeClassesDocument, {}, as(user))).body) }).toEqual({
        role,
        codes: ['FORBIDDEN'],
      });
    }
    expect(errorCodes((await override(small.id, 'A', '短')).body)).toEqual(['BAD_USER_INPUT']);
    const draft = expectNoErrors(
      (
        await server.gql<{ createCustomer: { id: string } }>(
          'mutation { createCustomer(input: { name: "改级草稿有限公司", kind: ENTERPRISE }) { id } }',
          {},
          as(rep),
        )
      ).body,
    ).createCustomer;
    const onDraft = await override(draft.id, 'A', '战略合作伙伴');
    expect(errorCodes(onDraft.body)).toEqual(['CLASSIFICATION_REFUSED']);
    expect(onDraft.body.errors?.[0].message).toContain('PENDING_APPROVAL');
    expect(
      errorCodes((await send(server, ClearClassOverrideDocument, { customerId: small.id }, as(manager))).body),
    ).toEqual(['CLASSIFICATION_REFUSED']);

    const pinned = expectNoErrors((await override(small.id, 'A', '战略合作伙伴，总部指定')).body).overrideClass;
    expect(pinned).toMatchObject({
      abcClass: 'A',
      abcOverrideReason: '战略合作伙伴，总部指定',
      abcOverriddenBy: { id: gid('User', manager.id) },
    });
    expect(Date.parse(pinned.abcOverriddenAt!)).toBe(now);
    // The history shows who, as an id like any other (never the row number), and the old class.
    const [latest] = expectNoErrors(
      (await send(server, HistoryDocument, { recordId: small.id, first: 1 }, as(manager))).body,
    ).history.edges;
    expect(latest.node.changes).toEqual(
      expect.arrayContaining([
        { field: 'abcClass', old: 'C', new: 'A' },
        { field: 'abcOverriddenBy', old: null, new: gid('User', manager.id) },
      ]),
    );
    await recompute();
    expect((await classOf(small.id)).abcClass).toBe('A');
    expect((await recompute()).overridden).toBe(1);

    const cleared = expectNoErrors(
      (await send(server, ClearClassOverrideDocument, { customerId: small.id }, as(manager))).body,
    ).clearClassOverride;
    expect(cleared).toMatchObject({
      abcClass: 'C',
      abcOverrideReason: null,
      abcOverriddenAt: null,
      abcOverriddenBy: null,
    });
    const notes = (
      await server.ds
        .getRepository(ChangeHistory)
        .find({ where: { recordType: 'Customer', recordId: rowId(small.id) }, order: { id: 'ASC' } })
    ).map((h) => h.note);
    expect(notes.slice(-2)).toEqual([
      'ABC分类 set by a manager: 战略合作伙伴，总部指定',
      'ABC分类: override cleared, class computed again',
    ]);
  });

  it('runs for schedulers as `npm run jobs -- classify`, in the name of the job', async () => {
    const big = await approvedArchive(server, rep, manager);
    await order(big.id, '5000000.00');
    const said = await JOBS.classify.run(server.ds, server.config, clock);
    expect(said).toMatch(/^ranked \d+ archive\(s\): [1-9]\d* changed class; A \d+, B \d+, C \d+ \(0 overridden\)$/);
    expect((await classOf(big.id)).abcClass).toBe('A');
    const [event] = await server.ds
      .getRepository(ChangeEvent)
      .find({ where: { recordType: 'Customer', recordId: rowId(big.id) }, order: { seq: 'DESC' }, take: 1 });
    expect(event.actorSubject).toBe('job:classify');
    expect(await JOBS.classify.run(server.ds, server.config, clock)).toMatch(/: 0 changed class;/);
  });
});

import { Visit } from '../../src/visits/visit.entity';
import { VisitKind } from '../../src/visits/visit.enums';
import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import {
  CreateVisitDocument,
  UpdateVisitDocument,
  VisitDocument,
  VisitNodeDocument,
  VisitsDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer, makeUser, makeVisit } from '../support/factories';
import { expectNoErrors, type GqlBody, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

const badFields = (body: GqlBody<unknown>) =>
  ((body.errors?.[0].extensions?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();
const HOUR = 3_600_000;

describeEachDialect('visits', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const rows = () => server.ds.getRepository(Visit);
  /** A manager who is a real employee, so visits default to them. */
  const managerOpts = async () => ({
    role: 'sales_manager' as const,
    userId: (await makeUser(server.ds, RoleName.SALES_MANAGER)).id,
  });
  const base = (customerId: number) => ({
    customerId: gid('Customer', customerId),
    kind: 'PHONE_CALL' as const,
    subject: '回访',
  });

  it('creates a visit, reads it by id and node(id), updates it with its version and refuses a stale one', async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP, { name: '业务员老周' });
    const customer = await makeCustomer(server.ds, { ownerId: rep.id });
    const contact = await makeContact(server.ds, customer.id, { name: '被拜访人' });
    const asRep = { role: 'sales_rep' as const, userId: rep.id };
    const created = expectNoErrors(
      (
        await send(
          server,
          CreateVisitDocument,
          {
            input: {
              customerId: gid('Customer', customer.id),
              contactId: gid('Contact', contact.id),
              kind: 'VISIT',
              subject: '季度拜访',
              plannedAt: '2030-01-15T02:00:00.000Z',
              needs: '需要新报价',
            },
          },
          asRep,
        )
      ).body,
    ).createVisit;
    expect(created).toMatchObject({
      kind: 'VISIT',
      subject: '季度拜访',
      plannedAt: '2030-01-15T02:00:00.000Z',
      occurredAt: null,
      needs: '需要新报价',
      version: 1,
      customer: { id: gid('Customer', customer.id) },
      contact: { name: '被拜访人' },
      user: { id: gid('User', rep.id), name: '业务员老周' },
    });
    expect(expectNoErrors((await send(server, VisitDocument, { id: created.id }, asRep)).body).visit).toEqual(created);
    expect(expectNoErrors((await send(server, VisitNodeDocument, { id: created.id }, asRep)).body).node).toEqual({
      __typename: 'Visit',
      id: created.id,
      subject: '季度拜访',
      kind: 'VISIT',
      version: 1,
    });

    const updated = expectNoErrors(
      (
        await send(
          server,
          UpdateVisitDocument,
          {
            input: {
              id: created.id,
              version: 1,
              occurredAt: '2030-01-15T03:00:00.000Z',
              outcome: '签订意向',
              contactId: null,
            },
          },
          asRep,
        )
      ).body,
    ).updateVisit;
    expect(updated).toMatchObject({
      occurredAt: '2030-01-15T03:00:00.000Z',
      outcome: '签订意向',
      contact: null,
      subject: '季度拜访',
      version: 2,
    });
    const stale = await send(
      server,
      UpdateVisitDocument,
      { input: { id: created.id, version: 1, outcome: '旧版本覆盖' } },
      asRep,
    );
    expect(stale.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await rows().findOneByOrFail({ customerId: customer.id })).toMatchObject({
      outcome: '签订意向',
      version: 2,
    });
  });

  it('logs a touch without times as happening now, and an unplanned one as planned when it happened', async () => {
    const customer = await makeCustomer(server.ds);
    const opts = await managerOpts();
    const t0 = Date.now() - 1000;
    const now = expectNoErrors(
      (await send(server, CreateVisitDocument, { input: base(customer.id) }, opts)).body,
    ).createVisit;
    expect(Date.parse(now.occurredAt!)).toBeGreaterThanOrEqual(t0);
    expect(Date.parse(now.occurredAt!)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(now.plannedAt).toBe(now.occurredAt);
    expect(now.user?.id).toBe(gid('User', opts.userId));
    const past = expectNoErrors(
      (
        await send(
          server,
          CreateVisitDocument,
          { input: { ...base(customer.id), occurredAt: '2024-02-03T04:05:06.789Z' } },
          opts,
        )
      ).body,
    ).createVisit;
    expect(past).toMatchObject({ occurredAt: '2024-02-03T04:05:06.789Z', plannedAt: '2024-02-03T04:05:06.789Z' });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    const customer = await makeCustomer(server.ds);
    const stranger = await makeContact(server.ds, (await makeCustomer(server.ds)).id);
    const gone = await makeUser(server.ds, RoleName.SALES_REP, { active: false });
    const opts = await managerOpts();
    const before = await rows().count();
    const cases: [string[], Record<string, unknown>][] = [
      [
        ['needs', 'subject', 'summary'],
        { subject: '长'.repeat(129), summary: 's'.repeat(2001), needs: 'n'.repeat(1001) },
      ],
      [['contactId'], { contactId: gid('Contact', stranger.id) }],
      [['userId'], { userId: gid('User', gone.id) }],
      [['userId'], { userId: null }],
    ];
    for (const [fields, extra] of cases) {
      const { body } = await send(server, CreateVisitDocument, { input: { ...base(customer.id), ...extra } }, opts);
      expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(badFields(body)).toEqual(fields);
    }
    // A caller who is no employee must name one.
    const anonymous = await send(server, CreateVisitDocument, { input: base(customer.id) }, { role: 'sales_manager' });
    expect(badFields(anonymous.body)).toEqual(['userId']);
    expect(await rows().count()).toBe(before);
  });

  it('refuses null for a required field and a foreign contact on update, leaving the row as it was', async () => {
    const customer = await makeCustomer(server.ds);
    const user = await makeUser(server.ds);
    const stranger = await makeContact(server.ds, (await makeCustomer(server.ds)).id);
    const visit = await makeVisit(server.ds, customer.id, user.id, { subject: '原主题' });
    const id = gid('Visit', visit.id);
    const v = visit.version;
    const opts = await managerOpts();
    for (const [field, input] of [
      ['subject', { id, version: v, subject: null }],
      ['kind', { id, version: v, kind: null }],
      ['plannedAt', { id, version: v, plannedAt: null }],
      ['userId', { id, version: v, userId: null }],
      ['subject', { id, version: v, subject: '' }],
      ['contactId', { id, version: v, contactId: gid('Contact', stranger.id) }],
    ] as const) {
      const { body } = await send(server, UpdateVisitDocument, { input }, opts);
      expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(badFields(body)).toEqual([field]);
    }
    expect(await rows().findOneByOrFail({ id: visit.id })).toMatchObject({
      subject: '原主题',
      userId: user.id,
      contactId: null,
      version: v,
    });
  });

  it('filters and pages forward and backward without gaps or repeats', async () => {
    const customer = await makeCustomer(server.ds);
    const [alice, bob] = [await makeUser(server.ds), await makeUser(server.ds)];
    const contact = await makeContact(server.ds, customer.id);
    await makeVisit(server.ds, (await makeCustomer(server.ds)).id, alice.id);
    const start = Date.parse('2025-06-01T00:00:00.000Z');
    const kinds = [VisitKind.VISIT, VisitKind.PHONE_CALL, VisitKind.GREETING];
    const made: Visit[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await makeVisit(server.ds, customer.id, i % 2 ? bob.id : alice.id, {
          plannedAt: new Date(start + i * HOUR),
          occurredAt: i < 4 ? new Date(start + i * HOUR + 60_000) : null,
          kind: kinds[i % 3],
          contactId: i === 5 ? contact.id : null,
          nextFollowUpAt: i === 6 ? new Date(start) : null,
        }),
      );
    }
    const filter = { customerId: gid('Customer', customer.id) };
    const opts = await managerOpts();
    const ids: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = expectNoErrors((await send(server, VisitsDocument, { first: 3, after, filter }, opts)).body).visits;
      expect(page.totalCount).toBe(7);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual([...made].reverse().map((v) => gid('Visit', v.id)));
    const last = expectNoErrors((await send(server, VisitsDocument, { last: 3, filter }, opts)).body).visits;
    expect(last.edges.map((e) => e.node.id)).toEqual(ids.slice(4));
    const before = expectNoErrors(
      (await send(server, VisitsDocument, { last: 3, before: last.pageInfo.startCursor, filter }, opts)).body,
    ).visits;
    expect(before.edges.map((e) => e.node.id)).toEqual(ids.slice(1, 4));

    const pick = async (f: Record<string, unknown>) =>
      expectNoErrors(
        (
          await send(
            server,
            VisitsDocument,
            { first: 20, filter: { ...filter, ...f }, orderBy: { field: 'PLANNED_AT', direction: 'ASC' } },
            opts,
          )
        ).body,
      ).visits.edges.map((e) => made.findIndex((v) => gid('Visit', v.id) === e.node.id));
    expect(await pick({})).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(await pick({ kind: ['GREETING'] })).toEqual([2, 5]);
    expect(await pick({ occurred: false })).toEqual([4, 5, 6]);
    expect(await pick({ occurred: true, userId: gid('User', bob.id) })).toEqual([1, 3]);
    expect(await pick({ contactId: gid('Contact', contact.id) })).toEqual([5]);
    expect(
      await pick({
        plannedFrom: new Date(start + 2 * HOUR).toISOString(),
        plannedBefore: new Date(start + 5 * HOUR).toISOString(),
      }),
    ).toEqual([2, 3, 4]);
    expect(await pick({ occurredFrom: new Date(start + 2 * HOUR).toISOString() })).toEqual([2, 3]);
    expect(await pick({ followUpBefore: new Date(start + HOUR).toISOString() })).toEqual([6]);
  });

  it('hides visits of A-class archives from analyst in lists, lookups, node(id) and totalCount, not from sales_manager', async () => {
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const visit = await makeVisit(server.ds, secret.id, (await makeUser(server.ds)).id, { subject: '机密拜访丙' });
    const id = gid('Visit', visit.id);
    const filter = { customerId: gid('Customer', secret.id) };
    const analyst = { role: 'analyst' as const };
    expect(expectNoErrors((await send(server, VisitDocument, { id }, analyst)).body).visit).toBeNull();
    expect(expectNoErrors((await send(server, VisitNodeDocument, { id }, analyst)).body).node).toBeNull();
    expect(
      expectNoErrors((await send(server, VisitsDocument, { first: 10, filter }, analyst)).body).visits,
    ).toMatchObject({ totalCount: 0, edges: [] });
    const window = { first: 100, filter: { plannedFrom: new Date(visit.plannedAt.getTime() - 1).toISOString() } };
    const analystAll = expectNoErrors((await send(server, VisitsDocument, window, analyst)).body).visits;
    const managerAll = expectNoErrors(
      (await send(server, VisitsDocument, window, { role: 'sales_manager' })).body,
    ).visits;
    expect(analystAll.edges.map((e) => e.node.id)).not.toContain(id);
    expect(managerAll.edges.map((e) => e.node.id)).toContain(id);
    expect(analystAll.totalCount).toBe(managerAll.totalCount - 1);

    const manager = { role: 'sales_manager' as const };
    expect(expectNoErrors((await send(server, VisitDocument, { id }, manager)).body).visit?.subject).toBe('机密拜访丙');
    expect(expectNoErrors((await send(server, VisitNodeDocument, { id }, manager)).body).node).toMatchObject({
      __typename: 'Visit',
      id,
    });
    expect(
      expectNoErrors((await send(server, VisitsDocument, { first: 10, filter }, manager)).body).visits.totalCount,
    ).toBe(1);
  });

  it('lets customer_service write visits, a sales_rep only for its own customers, and refuses analyst and partner', async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const colleague = await makeUser(server.ds, RoleName.SALES_REP);
    const mine = await makeCustomer(server.ds, { ownerId: rep.id });
    const theirs = await makeCustomer(server.ds, { ownerId: colleague.id });
    const theirVisit = await makeVisit(server.ds, theirs.id, colleague.id, { subject: '同事的拜访' });
    const before = await rows().count();
    for (const role of ['analyst', 'partner'] as const) {
      expect(
        (await send(server, CreateVisitDocument, { input: base(mine.id) }, { role, userId: rep.id })).body.errors?.[0]
          .extensions?.code,
      ).toBe('FORBIDDEN');
      const upd = await send(
        server,
        UpdateVisitDocument,
        { input: { id: gid('Visit', theirVisit.id), version: theirVisit.version, subject: '越权' } },
        { role },
      );
      expect(upd.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const asRep = { role: 'sales_rep' as const, userId: rep.id };
    expect(
      (await send(server, CreateVisitDocument, { input: base(theirs.id) }, asRep)).body.errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    const foreignUpdate = await send(
      server,
      UpdateVisitDocument,
      { input: { id: gid('Visit', theirVisit.id), version: theirVisit.version, subject: '改同事的' } },
      asRep,
    );
    expect(foreignUpdate.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await rows().count()).toBe(before);
    expect(await rows().findOneByOrFail({ id: theirVisit.id })).toMatchObject({
      subject: '同事的拜访',
      version: theirVisit.version,
    });

    const own = expectNoErrors(
      (await send(server, CreateVisitDocument, { input: base(mine.id) }, asRep)).body,
    ).createVisit;
    expect(
      expectNoErrors(
        (
          await send(
            server,
            UpdateVisitDocument,
            { input: { id: own.id, version: own.version, outcome: '已回访' } },
            asRep,
          )
        ).body,
      ).updateVisit.outcome,
    ).toBe('已回访');

    const cs = { role: 'customer_service' as const, userId: (await makeUser(server.ds, RoleName.CUSTOMER_SERVICE)).id };
    const byCs = expectNoErrors(
      (await send(server, CreateVisitDocument, { input: base(theirs.id) }, cs)).body,
    ).createVisit;
    expect(byCs.user?.id).toBe(gid('User', cs.userId));
    const csUpdate = await send(
      server,
      UpdateVisitDocument,
      { input: { id: gid('Visit', theirVisit.id), version: theirVisit.version, summary: '客服补记' } },
      cs,
    );
    expect(expectNoErrors(csUpdate.body).updateVisit.summary).toBe('客服补记');
  });
});

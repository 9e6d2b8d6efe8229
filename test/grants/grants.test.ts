import { RoleName } from '../../src/auth/roles';
import { AbcClass } from '../../src/customers/customer.enums';
import { AccessGrant, GrantStatus } from '../../src/grants/access-grant.entity';
import {
  type AccessGrantCoreFragment,
  AccessGrantNodeDocument,
  AccessGrantsDocument,
  ApproveAccessDocument,
  ArchiveVisibilityDocument,
  MyAccessGrantsDocument,
  RejectAccessDocument,
  RequestAccessDocument,
  RevokeAccessDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer, makeTrade, makeUser } from '../support/factories';
import {
  errorCodes,
  expectNoErrors,
  type GqlBody,
  type GqlOptions,
  startTestServer,
  type TestServer,
} from '../support/server';
import { send } from '../support/typed';

const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const REASON = '需要核对该客户的历史交易以准备续约谈判';

/** Field names a BAD_USER_INPUT error points at (`input.reason` and `endsAt` alike). */
const badFields = (body: GqlBody<unknown>) =>
  (body.errors ?? []).flatMap((e) =>
    ((e.extensions?.fields as { field: string }[] | undefined) ?? []).map((f) => f.field),
  );

describeEachDialect('access grants (借阅)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const as = (role: GqlOptions['role'], userId?: number): GqlOptions => ({ role, userId });

  /** An A-class archive with two contacts and a trade, and a sales manager to decide. */
  async function secretArchive() {
    const customer = await makeCustomer(server.ds, {
      abcClass: AbcClass.A,
      name: `借阅A类客户${Math.random().toString(36).slice(2, 8)}`,
    });
    const contacts = [await makeContact(server.ds, customer.id), await makeContact(server.ds, customer.id)];
    const trade = await makeTrade(server.ds, customer.id);
    const manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    return { customer, id: gid('Customer', customer.id), contacts, trade, manager };
  }

  const visibility = async (opts: GqlOptions, id: string, archiveNo: string) =>
    expectNoErrors((await send(server, ArchiveVisibilityDocument, { id, archiveNo }, opts)).body);

  /** Asserts the archive is invisible by every path: as if it did not exist. */
  async function expectHidden(opts: GqlOptions, id: string, archiveNo: string) {
    const seen = await visibility(opts, id, archiveNo);
    expect(seen.customer).toBeNull();
    expect(seen.node).toBeNull();
    expect(seen.byNumber).toEqual({ totalCount: 0, edges: [] });
    expect(seen.contacts).toEqual({ totalCount: 0, edges: [] });
    expect(seen.trades).toEqual({ totalCount: 0, edges: [] });
    return seen;
  }

  const request = (opts: GqlOptions, archiveNo: string, over: { reason?: string; endsAt?: string } = {}) =>
    send(
      server,
      RequestAccessDocument,
      { input: { archiveNo, reason: over.reason ?? REASON, endsAt: over.endsAt ?? inDays(7) } },
      opts,
    );

  const requested = async (opts: GqlOptions, archiveNo: string) =>
    expectNoErrors((await request(opts, archiveNo)).body).requestAccess;

  const approve = async (grant: { id: string; version: number }, opts: GqlOptions) =>
    expectNoErrors((await send(server, ApproveAccessDocument, { id: grant.id, version: grant.version }, opts)).body)
      .approveAccess;

  it('request → approve → visible by every path → expired → visible again → revoked: hidden again, no restart', async () => {
    const { customer, id, contacts, trade, manager } = await secretArchive();
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const repOpts = as('sales_rep', rep.id);

    // Before: the rep cannot see the archive, its contacts or its trades anywhere.
    const before = await expectHidden(repOpts, id, customer.archiveNo);

    // The request names the number only; it is stored, undecided, with no archive attached.
    const asked = await requested(repOpts, customer.archiveNo);
    expect(asked).toMatchObject({
      archiveNo: customer.archiveNo,
      reason: REASON,
      status: 'REQUESTED',
      active: false,
      customer: null,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      user: { id: gid('User', rep.id) },
      version: 1,
    });
    const row = await server.ds
      .getRepository(AccessGrant)
      .findOneByOrFail({ archiveNo: customer.archiveNo, userId: rep.id });
    expect(row.customerId).toBeNull();
    // Asking shows nothing yet.
    await expectHidden(repOpts, id, customer.archiveNo);

    // A sales manager approves: the number is resolved to the archive.
    const approved = await approve(asked, as('sales_manager', manager.id));
    expect(approved).toMatchObject({
      id: asked.id,
      status: 'APPROVED',
      active: true,
      customer: { id, archiveNo: customer.archiveNo },
      decidedBy: { id: gid('User', manager.id) },
      version: 2,
    });
    expect(approved.decidedAt).not.toBeNull();
    expect((await server.ds.getRepository(AccessGrant).findOneByOrFail({ id: row.id })).customerId).toBe(customer.id);

    // Now the rep sees it by every path, with its contacts and trades.
    const during = await visibility(repOpts, id, customer.archiveNo);
    expect(during.customer).toMatchObject({ id, archiveNo: customer.archiveNo, name: customer.name });
    expect(during.customer?.contacts.totalCount).toBe(2);
    expect(during.customer?.contacts.edges.map((e) => e.node.id).sort()).toEqual(
      contacts.map((k) => gid('Contact', k.id)).sort(),
    );
    expect(during.customer?.trades.edges.map((e) => e.node.id)).toEqual([gid('Trade', trade.id)]);
    expect(during.node).toEqual({ __typename: 'Customer', id, archiveNo: customer.archiveNo });
    expect(during.everything.totalCount).toBe(before.everything.totalCount + 1);
    expect(during.byNumber).toEqual({ totalCount: 1, edges: [{ node: { id } }] });
    expect(during.contacts.totalCount).toBe(2);
    expect(during.contacts.edges.every((e) => e.node.customer?.id === id)).toBe(true);
    expect(during.trades.edges).toEqual([{ node: { id: gid('Trade', trade.id), customer: { id } } }]);
    // The grant itself now shows the archive to its holder.
    const mine = expectNoErrors(
      (await send(server, MyAccessGrantsDocument, { first: 10 }, repOpts)).body,
    ).myAccessGrants;
    expect(mine.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ id: asked.id, active: true, customer: expect.objectContaining({ id }) }),
    ]);

    // Expiry: the API refuses a past end, so move it in the database; the archive disappears at once.
    await server.ds.getRepository(AccessGrant).update(row.id, { endsAt: new Date(Date.now() - 1000) });
    const expired = await expectHidden(repOpts, id, customer.archiveNo);
    expect(expired.everything.totalCount).toBe(before.everything.totalCount);
    const stillMine = expectNoErrors(
      (await send(server, MyAccessGrantsDocument, { first: 10 }, repOpts)).body,
    ).myAccessGrants;
    expect(stillMine.edges[0].node).toMatchObject({ id: asked.id, status: 'APPROVED', active: false, customer: null });

    // Back in its period (again straight in the database) it shows; a revoke hides it for good.
    await server.ds.getRepository(AccessGrant).update(row.id, { endsAt: new Date(Date.now() + DAY) });
    expect((await visibility(repOpts, id, customer.archiveNo)).customer?.id).toBe(id);
    const current = await server.ds.getRepository(AccessGrant).findOneByOrFail({ id: row.id });
    const revoked = expectNoErrors(
      (
        await send(
          server,
          RevokeAccessDocument,
          {
            id: asked.id,
            version: current.version,
            note: '谈判已结束',
          },
          as('general_manager', manager.id),
        )
      ).body,
    ).revokeAccess;
    // The manager still sees the archive the grant named; its holder no longer does.
    expect(revoked).toMatchObject({ status: 'REVOKED', active: false, decisionNote: '谈判已结束', customer: { id } });
    await expectHidden(repOpts, id, customer.archiveNo);
    const afterRevoke = expectNoErrors(
      (await send(server, MyAccessGrantsDocument, { first: 10 }, repOpts)).body,
    ).myAccessGrants;
    expect(afterRevoke.edges[0].node).toMatchObject({ id: asked.id, status: 'REVOKED', active: false, customer: null });
  });

  it('answers a request for a hidden, a visible and a nonexistent number with the same shape', async () => {
    const { customer } = await secretArchive();
    const visible = await makeCustomer(server.ds, { abcClass: AbcClass.B });
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const shape = (g: AccessGrantCoreFragment) => ({
      ...g,
      id: typeof g.id,
      archiveNo: typeof g.archiveNo,
      createdAt: typeof g.createdAt,
      updatedAt: typeof g.updatedAt,
    });
    const answers = [];
    const endsAt = inDays(5);
    for (const number of [customer.archiveNo, visible.archiveNo, 'HD20249999999']) {
      const { status, body } = await request(as('sales_rep', rep.id), number, { endsAt });
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual(['data']);
      answers.push(shape(body.data!.requestAccess));
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 'REQUESTED', customer: null, active: false });
    // Stored alike: the number as given, no archive attached.
    const rows = await server.ds.getRepository(AccessGrant).findBy({ userId: rep.id });
    expect(rows.map((r) => [r.archiveNo, r.customerId]).sort()).toEqual(
      [
        [customer.archiveNo, null],
        [visible.archiveNo, null],
        ['HD20249999999', null],
      ].sort(),
    );
  });

  it('analysts never borrow: even an approved grant row does not show them an A-class archive', async () => {
    const { customer, id, manager } = await secretArchive();
    const analyst = await makeUser(server.ds, RoleName.ANALYST);
    await server.ds.getRepository(AccessGrant).save(
      server.ds.getRepository(AccessGrant).create({
        userId: analyst.id,
        archiveNo: customer.archiveNo,
        customerId: customer.id,
        reason: REASON,
        endsAt: new Date(Date.now() + 7 * DAY),
        status: GrantStatus.APPROVED,
        decidedById: manager.id,
        decidedAt: new Date(),
      }),
    );
    await expectHidden(as('analyst', analyst.id), id, customer.archiveNo);
  });

  it("lets customer service borrow; another user's grant does not help anyone else", async () => {
    const { customer, id, manager } = await secretArchive();
    const service = await makeUser(server.ds, RoleName.CUSTOMER_SERVICE);
    const otherRep = await makeUser(server.ds, RoleName.SALES_REP);
    const otherService = await makeUser(server.ds, RoleName.CUSTOMER_SERVICE);
    await expectHidden(as('customer_service', service.id), id, customer.archiveNo);

    const asked = await requested(as('customer_service', service.id), customer.archiveNo);
    await approve(asked, as('general_manager', manager.id));
    const seen = await visibility(as('customer_service', service.id), id, customer.archiveNo);
    expect(seen.customer?.id).toBe(id);
    expect(seen.node?.id).toBe(id);

    await expectHidden(as('sales_rep', otherRep.id), id, customer.archiveNo);
    await expectHidden(as('customer_service', otherService.id), id, customer.archiveNo);
    // Nor do they see the grant itself.
    expect(
      expectNoErrors((await send(server, AccessGrantNodeDocument, { id: asked.id }, as('sales_rep', otherRep.id))).body)
        .node,
    ).toBeNull();
    expect(
      expectNoErrors((await send(server, MyAccessGrantsDocument, { first: 10 }, as('sales_rep', otherRep.id))).body)
        .myAccessGrants.totalCount,
    ).toBe(0);
    expect(
      expectNoErrors(
        (await send(server, AccessGrantNodeDocument, { id: asked.id }, as('customer_service', service.id))).body,
      ).node,
    ).toEqual({ __typename: 'AccessGrant', id: asked.id, archiveNo: customer.archiveNo, status: 'APPROVED' });
  });

  it('refuses an end in the past or beyond 30 days and a short reason, storing nothing', async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const opts = as('sales_rep', rep.id);
    const tooLate = await request(opts, 'HD20240000001', { endsAt: inDays(31) });
    expect(errorCodes(tooLate.body)).toEqual(['BAD_USER_INPUT']);
    expect(badFields(tooLate.body)).toEqual(['endsAt']);
    expect(tooLate.body.errors?.[0].message).toContain('30 days');
    const past = await request(opts, 'HD20240000001', { endsAt: new Date(Date.now() - 60_000).toISOString() });
    expect(errorCodes(past.body)).toEqual(['BAD_USER_INPUT']);
    expect(badFields(past.body)).toEqual(['endsAt']);
    const short = await request(opts, 'HD20240000001', { reason: '看看' });
    expect(errorCodes(short.body)).toEqual(['BAD_USER_INPUT']);
    expect(badFields(short.body).some((f) => f.endsWith('reason'))).toBe(true);
    const blank = await request(opts, 'HD20240000001', { reason: '          ' });
    expect(errorCodes(blank.body)).toEqual(['BAD_USER_INPUT']);
    expect(badFields(blank.body).some((f) => f.endsWith('reason'))).toBe(true);
    expect(await server.ds.getRepository(AccessGrant).countBy({ userId: rep.id })).toBe(0);
    // Exactly 30 days (less a minute for the round trip) is fine.
    expect(
      expectNoErrors(
        (await request(opts, 'HD20240000001', { endsAt: new Date(Date.now() + 30 * DAY - 60_000).toISOString() })).body,
      ).requestAccess.status,
    ).toBe('REQUESTED');
  });

  it('needs a caller that is an employee, and caps open requests at 5 per user (CONFLICT)', async () => {
    const noUser = await request({ role: 'sales_rep' }, 'HD20240000002');
    expect(errorCodes(noUser.body)).toEqual(['BAD_USER_INPUT']);

    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const opts = as('sales_rep', rep.id);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await requested(opts, `HD2024000010${i}`));
    const sixth = await request(opts, 'HD20240000199');
    expect(errorCodes(sixth.body)).toEqual(['CONFLICT']);
    expect(await server.ds.getRepository(AccessGrant).countBy({ userId: rep.id })).toBe(5);
    // A decision frees a slot.
    const manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    expectNoErrors(
      (
        await send(
          server,
          RejectAccessDocument,
          { id: made[0].id, version: made[0].version, note: '无此档案' },
          as('sales_manager', manager.id),
        )
      ).body,
    );
    expect(expectNoErrors((await request(opts, 'HD20240000199')).body).requestAccess.status).toBe('REQUESTED');

    // The cap holds under concurrent requests too.
    const racer = await makeUser(server.ds, RoleName.SALES_REP);
    const raced = await Promise.all(
      Array.from({ length: 8 }, (_, i) => request(as('sales_rep', racer.id), `HD2024000020${i}`)),
    );
    expect(raced.map((r) => errorCodes(r.body)[0] ?? 'OK').sort()).toEqual(
      [...Array(5).fill('OK'), ...Array(3).fill('CONFLICT')].sort(),
    );
    expect(await server.ds.getRepository(AccessGrant).countBy({ userId: racer.id })).toBe(5);
  });

  it('lets only sales and general managers decide, never on their own request', async () => {
    const { customer, manager } = await secretArchive();
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const asked = await requested(as('sales_rep', rep.id), customer.archiveNo);
    for (const role of ['sales_rep', 'customer_service', 'finance', 'archive_admin', 'analyst', 'partner'] as const) {
      const who = await makeUser(server.ds, role as RoleName);
      for (const doc of [ApproveAccessDocument, RejectAccessDocument, RevokeAccessDocument]) {
        const { body } = await send(
          server,
          doc as typeof RejectAccessDocument,
          { id: asked.id, version: asked.version, note: '越权操作' },
          as(role, who.id),
        );
        expect(`${role}: ${errorCodes(body)}`).toBe(`${role}: FORBIDDEN`);
      }
    }
    expect(
      (await server.ds.getRepository(AccessGrant).findOneByOrFail({ archiveNo: customer.archiveNo, userId: rep.id }))
        .status,
    ).toBe('REQUESTED');

    // A manager who asked (any employee may) cannot approve their own request.
    const own = await requested(as('sales_manager', manager.id), customer.archiveNo);
    const selfApproved = await send(
      server,
      ApproveAccessDocument,
      { id: own.id, version: own.version },
      as('sales_manager', manager.id),
    );
    expect(errorCodes(selfApproved.body)).toEqual(['FORBIDDEN']);
  });

  it('lists every request only for managers and archive_admin; each user sees their own', async () => {
    const { customer } = await secretArchive();
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const otherRep = await makeUser(server.ds, RoleName.SALES_REP);
    const mine = await requested(as('sales_rep', rep.id), customer.archiveNo);
    await requested(as('sales_rep', otherRep.id), customer.archiveNo);

    const own = expectNoErrors(
      (await send(server, MyAccessGrantsDocument, { first: 10 }, as('sales_rep', rep.id))).body,
    ).myAccessGrants;
    expect(own.totalCount).toBe(1);
    expect(own.edges.map((e) => e.node.id)).toEqual([mine.id]);

    for (const role of ['sales_manager', 'general_manager', 'archive_admin'] as const) {
      const all = expectNoErrors(
        (
          await send(
            server,
            AccessGrantsDocument,
            {
              first: 100,
              filter: { status: ['REQUESTED'], userId: gid('User', rep.id) },
            },
            as(role),
          )
        ).body,
      ).accessGrants;
      expect(all.edges.map((e) => e.node)).toEqual([
        { id: mine.id, archiveNo: customer.archiveNo, status: 'REQUESTED', user: { id: gid('User', rep.id) } },
      ]);
    }
    for (const role of ['sales_rep', 'customer_service', 'finance', 'analyst', 'partner'] as const) {
      const { body } = await send(server, AccessGrantsDocument, { first: 10 }, as(role, rep.id));
      expect(`${role}: ${errorCodes(body)}`).toBe(`${role}: FORBIDDEN`);
    }
  });

  it('moves only along REQUESTED → APPROVED | REJECTED, APPROVED → REVOKED, with the version last read', async () => {
    const { customer, manager } = await secretArchive();
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const boss = as('sales_manager', manager.id);

    // A number that names no archive cannot be approved; it can be rejected.
    const ghost = await requested(as('sales_rep', rep.id), 'HD20240009999');
    const notFound = await send(server, ApproveAccessDocument, { id: ghost.id, version: ghost.version }, boss);
    expect(errorCodes(notFound.body)).toEqual(['NOT_FOUND']);
    const rejected = expectNoErrors(
      (await send(server, RejectAccessDocument, { id: ghost.id, version: ghost.version, note: '档案号不存在' }, boss))
        .body,
    ).rejectAccess;
    expect(rejected).toMatchObject({
      status: 'REJECTED',
      decisionNote: '档案号不存在',
      decidedBy: { id: gid('User', manager.id) },
      active: false,
    });
    const approveRejected = await send(
      server,
      ApproveAccessDocument,
      { id: ghost.id, version: rejected.version },
      boss,
    );
    expect(errorCodes(approveRejected.body)).toEqual(['BAD_USER_INPUT']);
    expect(badFields(approveRejected.body)).toEqual(['status']);
    const revokeRejected = await send(
      server,
      RevokeAccessDocument,
      { id: ghost.id, version: rejected.version, note: '撤销' },
      boss,
    );
    expect(badFields(revokeRejected.body)).toEqual(['status']);

    const asked = await requested(as('sales_rep', rep.id), customer.archiveNo);
    const revokeRequested = await send(
      server,
      RevokeAccessDocument,
      { id: asked.id, version: asked.version, note: '撤销' },
      boss,
    );
    expect(errorCodes(revokeRequested.body)).toEqual(['BAD_USER_INPUT']);
    expect(badFields(revokeRequested.body)).toEqual(['status']);
    const approved = await approve(asked, boss);
    // Someone acting on the version they read before the approval is refused.
    const stale = await send(
      server,
      RevokeAccessDocument,
      { id: asked.id, version: asked.version, note: '撤销' },
      boss,
    );
    expect(errorCodes(stale.body)).toEqual(['CONFLICT']);
    const rejectApproved = await send(
      server,
      RejectAccessDocument,
      { id: asked.id, version: approved.version, note: '拒绝' },
      boss,
    );
    expect(badFields(rejectApproved.body)).toEqual(['status']);
    const revoked = expectNoErrors(
      (await send(server, RevokeAccessDocument, { id: asked.id, version: approved.version, note: '撤销' }, boss)).body,
    ).revokeAccess;
    expect(revoked).toMatchObject({ status: 'REVOKED', version: approved.version + 1 });

    // An unknown grant id is NOT_FOUND.
    const missing = await send(server, ApproveAccessDocument, { id: gid('AccessGrant', 99_999_999), version: 1 }, boss);
    expect(errorCodes(missing.body)).toEqual(['NOT_FOUND']);
  });
});

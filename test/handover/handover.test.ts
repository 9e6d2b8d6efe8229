import { RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass } from '../../src/customers/customer.enums';
import { User } from '../../src/users/user.entity';
import { Visit } from '../../src/visits/visit.entity';
import {
  ApproveArchiveDocument,
  CreateDraftDocument,
  DeactivateUserDocument,
  HandOverCustomersDocument,
  HandoversDocument,
  PlanVisitDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/** 员工调离 (DOMAIN rule 8): a leaving rep's archives move in one audited step, then the rep is marked as left. */
describeEachDialect('owner handover', (dialect) => {
  let server: TestServer;
  let manager: User;
  let managerOpts: GqlOptions;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    managerOpts = { role: 'sales_manager', userId: manager.id };
  });
  afterAll(() => server.stop());

  it('moves every archive and planned visit of a leaving rep to another in one step, then marks the rep as left', async () => {
    const leaving = await makeUser(server.ds, RoleName.SALES_REP);
    const taking = await makeUser(server.ds, RoleName.SALES_REP);
    // One token for the whole test: verified at its first use and remembered by the server.
    const leavingOpts: GqlOptions = { token: await server.token('sales_rep', leaving.id) };
    const drafts = [];
    for (const name of ['交接甲有限公司', '交接乙有限公司']) {
      drafts.push(
        expectNoErrors(
          (
            await send(
              server,
              CreateDraftDocument,
              { input: { name: `${name}${dialect}`, kind: 'ENTERPRISE' } as never },
              leavingOpts,
            )
          ).body,
        ).createCustomer,
      );
    }
    const approved = expectNoErrors(
      (await send(server, ApproveArchiveDocument, { id: drafts[0].id, version: drafts[0].version }, managerOpts)).body,
    ).approveArchive;
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A, ownerId: leaving.id });
    const visit = expectNoErrors(
      (
        await send(
          server,
          PlanVisitDocument,
          {
            input: {
              customerId: approved.id,
              kind: 'VISIT',
              subject: '季度拜访',
              plannedAt: new Date(Date.now() + 86_400_000).toISOString(),
            },
          },
          leavingOpts,
        )
      ).body,
    ).createVisit;
    const handOver = (opts: GqlOptions, to = taking.id, reason = '员工调离，客户交接') =>
      send(
        server,
        HandOverCustomersDocument,
        { fromUserId: gid('User', leaving.id), toUserId: gid('User', to), reason },
        opts,
      );

    // Not the rep's to do; not before the archives have gone; not to nobody.
    expect(errorCodes((await handOver(leavingOpts)).body)).toEqual(['FORBIDDEN']);
    expect(
      errorCodes((await send(server, DeactivateUserDocument, { userId: gid('User', leaving.id) }, managerOpts)).body),
    ).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes((await handOver(managerOpts, leaving.id)).body)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes((await handOver(managerOpts, taking.id, '  ')).body)).toEqual(['BAD_USER_INPUT']);
    expect(await server.ds.getRepository(Customer).countBy({ ownerId: leaving.id })).toBe(3);

    const seqBefore = await server.ds.getRepository(ChangeEvent).count();
    const handover = expectNoErrors((await handOver(managerOpts)).body).handOverCustomers;
    expect(handover).toMatchObject({
      archiveCount: 3,
      visitCount: 1,
      from: { id: gid('User', leaving.id) },
      to: { id: gid('User', taking.id) },
      handedOverBy: { id: gid('User', manager.id) },
    });
    expect(handover.archives.totalCount).toBe(3);
    expect(handover.archives.edges.every((e) => e.node.owner?.id === gid('User', taking.id))).toBe(true);
    expect(await server.ds.getRepository(Customer).countBy({ ownerId: leaving.id })).toBe(0);
    expect((await server.ds.getRepository(Customer).findOneByOrFail({ id: secret.id })).ownerId).toBe(taking.id);
    expect((await server.ds.getRepository(Visit).findOneByOrFail({ id: rowId(visit.id) })).userId).toBe(taking.id);
    const events = (await server.ds.getRepository(ChangeEvent).find({ order: { seq: 'ASC' } })).slice(seqBefore);
    expect(events.map((e) => `${e.recordType}:${e.changedFields}`).sort()).toEqual([
      'Customer:ownerId',
      'Customer:ownerId',
      'Customer:ownerId',
      'Visit:userId',
    ]);

    const list = expectNoErrors((await send(server, HandoversDocument, {}, managerOpts)).body).handovers;
    expect(list.edges[0].node).toMatchObject({ id: handover.id, archiveCount: 3 });

    const left = expectNoErrors(
      (await send(server, DeactivateUserDocument, { userId: gid('User', leaving.id) }, managerOpts)).body,
    ).deactivateUser;
    expect(left.active).toBe(false);
    expect(left.leftAt).not.toBeNull();
    expect((await server.ds.getRepository(User).findOneByOrFail({ id: leaving.id })).active).toBe(false);
    // The departed rep's token, verified and remembered a moment ago, stops working at once.
    const after = await send(
      server,
      CreateDraftDocument,
      { input: { name: `离职后建档${dialect}公司`, kind: 'ENTERPRISE' } as never },
      leavingOpts,
    );
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REVOKED' });
    // Nobody can assign an archive to someone who left.
    const assigned = await send(
      server,
      CreateDraftDocument,
      { input: { name: `离职后指派${dialect}公司`, kind: 'ENTERPRISE', ownerId: gid('User', leaving.id) } as never },
      managerOpts,
    );
    expect(assigned.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'ownerId' })],
    });
  });
});

import { RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { type User } from '../../src/users/user.entity';
import {
  ApproveArchiveDocument,
  ApproveDestructionDocument,
  CreateDraftDocument,
  CreateTradeDocument,
  DeactivateUserDocument,
  DestroyedArchiveDocument,
  EndRelationshipDocument,
  HandOverCustomersDocument,
  HistoryDocument,
  MergeArchivesDocument,
  ProposeDestructionDocument,
  RenameCustomerDocument,
  SearchCustomersDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeUser, rowId } from '../support/factories';
import { expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/**
 * Issue 14's whole archive life in one run, as users drive it: created by a rep, approved,
 * traded with, renamed and found by its old name, merged with a duplicate, handed over when
 * the rep leaves, ended and destroyed — each step in the history and the change feed.
 */
describeEachDialect('an archive from creation to destruction', (dialect) => {
  let server: TestServer;
  const users: Record<string, User> = {};
  const as = (name: string): GqlOptions => ({ role: users[name].role as never, userId: users[name].id });
  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { ARCHIVE_RETENTION_YEARS: '0' } });
    for (const [name, role] of [
      ['rep', RoleName.SALES_REP],
      ['rep2', RoleName.SALES_REP],
      ['manager', RoleName.SALES_MANAGER],
      ['gm', RoleName.GENERAL_MANAGER],
      ['admin', RoleName.ARCHIVE_ADMIN],
    ] as const)
      users[name] = await makeUser(server.ds, role);
  });
  afterAll(() => server.stop());

  it('goes through every step, each in the history and in the change feed', async () => {
    const tag = `${dialect}${Date.now() % 1e6}`;
    const ok = expectNoErrors;
    const draft = ok(
      (
        await send(
          server,
          CreateDraftDocument,
          { input: { name: `一生${tag}商贸有限公司`, kind: 'ENTERPRISE', region: 'EAST' } as never },
          as('rep'),
        )
      ).body,
    ).createCustomer;
    const approved = ok(
      (await send(server, ApproveArchiveDocument, { id: draft.id, version: draft.version }, as('manager'))).body,
    ).approveArchive;
    ok(
      (
        await send(
          server,
          CreateTradeDocument,
          {
            input: {
              customerId: draft.id,
              kind: 'ORDER',
              amount: '5000',
              paymentMethod: 'CASH',
              occurredAt: new Date().toISOString(),
            },
          },
          as('rep'),
        )
      ).body,
    );
    const renamed = ok(
      (
        await send(
          server,
          RenameCustomerDocument,
          {
            id: draft.id,
            version: approved.version,
            newName: `一生${tag}科技有限公司`,
            effectiveOn: '2026-06-01',
            documentRef: '营业执照变更',
          },
          as('rep'),
        )
      ).body,
    ).renameCustomer;
    const found = ok(
      (await send(server, SearchCustomersDocument, { search: `一生${tag}商贸` }, as('rep'))).body,
    ).customers;
    expect(found.edges.map((e) => e.node.id)).toEqual([draft.id]);

    // A second rep files the same company again; the manager merges it into the archive.
    const dup = ok(
      (
        await send(
          server,
          CreateDraftDocument,
          { input: { name: `一生${tag}科技(集团)有限公司`, kind: 'ENTERPRISE' } as never },
          as('rep2'),
        )
      ).body,
    ).createCustomer;
    const merged = ok(
      (
        await send(
          server,
          MergeArchivesDocument,
          {
            keepId: draft.id,
            keepVersion: renamed.version,
            mergeId: dup.id,
            mergeVersion: dup.version,
            reason: '重复建档，合并',
          },
          as('manager'),
        )
      ).body,
    ).mergeArchives;

    // The first rep leaves: the archive goes to the second, then the first is marked as left.
    ok(
      (
        await send(
          server,
          HandOverCustomersDocument,
          { fromUserId: gid('User', users.rep.id), toUserId: gid('User', users.rep2.id), reason: '员工调离交接' },
          as('manager'),
        )
      ).body,
    );
    ok((await send(server, DeactivateUserDocument, { userId: gid('User', users.rep.id) }, as('manager'))).body);

    const latest = async () =>
      (await send(server, HistoryDocument, { recordId: draft.id, first: 1 }, as('gm'))).body.data!.history.edges[0]
        .node;
    const ended = ok(
      (
        await send(
          server,
          EndRelationshipDocument,
          { id: draft.id, version: await versionOf(draft.id), reason: '合作终止，不再续约' },
          as('manager'),
        )
      ).body,
    ).endRelationship;
    expect(ended.status).toBe('ENDED');
    expect(await latest()).toMatchObject({
      note: '合作终止，不再续约',
      changes: expect.arrayContaining([{ field: 'status', old: 'ACTIVE', new: 'ENDED' }]),
    });
    // Before destruction the history names the new owner, the new name and the merge.
    const kept = ok(
      (await send(server, HistoryDocument, { recordId: draft.id, first: 50 }, as('gm'))).body,
    ).history.edges.map((e) => e.node);
    expect(kept.some((h) => h.changes.some((c) => c.field === 'owner' && c.new === gid('User', users.rep2.id)))).toBe(
      true,
    );
    expect(kept.some((h) => h.changes.some((c) => c.field === 'name' && c.new === `一生${tag}科技有限公司`))).toBe(
      true,
    );
    expect(kept.some((h) => (h.note ?? '').includes('合并'))).toBe(true);

    const proposal = ok(
      (await send(server, ProposeDestructionDocument, { customerId: draft.id, reason: '保管期满销毁' }, as('admin')))
        .body,
    ).proposeDestruction;
    ok((await send(server, ApproveDestructionDocument, { id: proposal.id }, as('gm'))).body);
    const destroyed = ok((await send(server, DestroyedArchiveDocument, { id: draft.id }, as('gm'))).body).customer;
    expect(destroyed).toMatchObject({ status: 'DESTROYED', archiveNo: draft.archiveNo, tradeTotal: merged.tradeTotal });

    // Every step stays in the history, newest first, its erased values gone, and in the change feed.
    const history = ok(
      (await send(server, HistoryDocument, { recordId: draft.id, first: 50 }, as('gm'))).body,
    ).history.edges.map((e) => e.node);
    const statuses = history.flatMap((h) => h.changes.filter((c) => c.field === 'status').map((c) => c.new));
    expect(statuses).toEqual(['DESTROYED', 'ENDED', 'ACTIVE', 'PENDING_APPROVAL']);
    expect(history.length).toBe(kept.length + 1);
    expect(history.every((h) => h.changes.every((c) => c.field !== 'name' || (c.old === null && c.new === null)))).toBe(
      true,
    );
    expect(history.at(-1)!.operation).toBe('CREATED');
    const events = await server.ds
      .getRepository(ChangeEvent)
      .countBy({ customerId: rowId(draft.id), recordType: 'Customer' });
    expect(events).toBeGreaterThanOrEqual(history.length);
  });

  async function versionOf(id: string): Promise<number> {
    const [{ version }] = await server.ds.query('SELECT version FROM customer WHERE id = ?', [rowId(id)]);
    return Number(version);
  }
});

import { ReadAudit } from '../../src/audit/read-audit.entity';
import { ChangeHistory } from '../../src/outbox/change-history.entity';
import { RoleName } from '../../src/auth/roles';
import type { Role } from '../../src/auth/roles';
import { AbcClass } from '../../src/customers/customer.enums';
import { type User } from '../../src/users/user.entity';
import {
  ApproveArchiveDocument,
  ApproveCreditLimitRaiseDocument,
  CreateContactDocument,
  RequestCreditLimitRaiseDocument,
  CreateDraftDocument,
  CreateTradeDocument,
  HistoryDocument,
  RenameCustomerDocument,
  UpdateContactDocument,
  UpdateDraftDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser, rowId } from '../support/factories';
import { expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

type Entry = {
  operation: string;
  note: string | null;
  actorUser: { id: string } | null;
  changes: { field: string; old: string | null; new: string | null }[];
};

/** 追溯 (DOMAIN rule 7, issue 14 section 5): every change kept, and shown under the field rules. */
describeEachDialect('change history', (dialect) => {
  let server: TestServer;
  let rep: User;
  let repOpts: GqlOptions;
  let managerOpts: GqlOptions;
  let financeOpts: GqlOptions;
  let gmOpts: GqlOptions;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    repOpts = { role: 'sales_rep', userId: rep.id };
    managerOpts = { role: 'sales_manager', userId: (await makeUser(server.ds, RoleName.SALES_MANAGER)).id };
    financeOpts = { role: 'finance', userId: (await makeUser(server.ds, RoleName.FINANCE)).id };
    gmOpts = { role: 'general_manager', userId: (await makeUser(server.ds, RoleName.GENERAL_MANAGER)).id };
  });
  afterAll(() => server.stop());

  const history = async (recordId: string, opts: GqlOptions) =>
    expectNoErrors((await send(server, HistoryDocument, { recordId, first: 50 }, opts)).body).history;
  const entries = async (recordId: string, opts: GqlOptions) =>
    (await history(recordId, opts)).edges.map((e) => e.node as Entry);
  const change = (entry: Entry, field: string) => entry.changes.find((c) => c.field === field);

  it("keeps an archive's changes from creation on, with who, why and old and new values, under each role's field rules", async () => {
    const draft = expectNoErrors(
      (
        await send(
          server,
          CreateDraftDocument,
          { input: { name: `追溯${dialect}贸易有限公司`, kind: 'ENTERPRISE', email: 'old@example.com' } as never },
          repOpts,
        )
      ).body,
    ).createCustomer;
    const approved = expectNoErrors(
      (await send(server, ApproveArchiveDocument, { id: draft.id, version: draft.version }, managerOpts)).body,
    ).approveArchive;
    // A higher limit is asked for and approved by a general manager (加大欠款额度).
    // (The rep may not read the old limit the request shows: that field alone is FORBIDDEN.)
    const asked = (
      await send(
        server,
        RequestCreditLimitRaiseDocument,
        { input: { customerId: draft.id, newLimit: '300000', reason: '季度考核上调' } },
        repOpts,
      )
    ).body.data!.requestCreditLimitRaise;
    expectNoErrors(
      (await send(server, ApproveCreditLimitRaiseDocument, { id: asked.id, version: asked.version }, gmOpts)).body,
    );
    const emailed = expectNoErrors(
      (
        await send(
          server,
          UpdateDraftDocument,
          { input: { id: draft.id, version: approved.version + 1, email: 'new@example.com', note: '客户来函' } },
          repOpts,
        )
      ).body,
    ).updateCustomer;
    expectNoErrors(
      (
        await send(
          server,
          RenameCustomerDocument,
          {
            id: draft.id,
            version: emailed.version,
            newName: `追溯${dialect}科技有限公司`,
            effectiveOn: '2026-03-01',
            documentRef: '更名通知 2026-088',
          },
          repOpts,
        )
      ).body,
    );

    const forManager = await entries(draft.id, managerOpts);
    expect(forManager.map((e) => e.operation)).toEqual(['UPDATED', 'UPDATED', 'UPDATED', 'UPDATED', 'CREATED']);
    const [renamed, email, credit, approval, created] = forManager;
    expect(change(renamed, 'name')).toEqual({
      field: 'name',
      old: `追溯${dialect}贸易有限公司`,
      new: `追溯${dialect}科技有限公司`,
    });
    expect(renamed.note).toContain('更名通知 2026-088');
    expect(email).toMatchObject({
      note: '客户来函',
      actorUser: { id: gid('User', rep.id) },
      changes: [{ field: 'email', old: 'old@example.com', new: 'new@example.com' }],
    });
    expect(credit).toMatchObject({
      note: '加大欠款额度: 季度考核上调',
      changes: [{ field: 'creditLimit', old: '0.00', new: '300000.00' }],
    });
    expect(change(approval, 'status')).toEqual({ field: 'status', old: 'PENDING_APPROVAL', new: 'ACTIVE' });
    expect(change(approval, 'approvedBy')).toEqual({
      field: 'approvedBy',
      old: null,
      new: gid('User', Number(managerOpts.userId)),
    });
    expect(change(created, 'name')).toEqual({ field: 'name', old: null, new: `追溯${dialect}贸易有限公司` });
    // A creation is stored without old values, which read as null above.
    const stored = await server.ds
      .getRepository(ChangeHistory)
      .findOneByOrFail({ recordType: 'Customer', recordId: rowId(draft.id), operation: 'CREATED' });
    expect(JSON.parse(stored.changes)).toContainEqual({ f: 'name', n: `追溯${dialect}贸易有限公司` });
    expect(stored.changes).not.toContain('"o"');
    expect(created.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['creditLimit', 'owner', 'archiveNo']));

    // Roles that may not read credit fields see that the change happened, not what it was.
    for (const role of ['sales_rep', 'analyst', 'partner', 'archive_admin'] as Role[]) {
      const seen = await entries(draft.id, { role, userId: role === 'sales_rep' ? rep.id : undefined });
      expect(seen[2]).toMatchObject({ note: '加大欠款额度: 季度考核上调', changes: [] });
      expect(seen[4].changes.map((c) => c.field)).not.toContain('creditLimit');
      expect(change(seen[1], 'email')).toEqual({ field: 'email', old: 'old@example.com', new: 'new@example.com' });
    }
  });

  it("keeps a contact's personal data masked or hidden in old and new values as queries do", async () => {
    const own = await makeCustomer(server.ds, { ownerId: rep.id });
    const contact = expectNoErrors(
      (
        await send(
          server,
          CreateContactDocument,
          {
            input: {
              customerId: gid('Customer', own.id),
              name: '王小明',
              mobile: '13812345678',
              hobbies: '钓鱼',
            } as never,
          },
          repOpts,
        )
      ).body,
    ).createContact;
    expectNoErrors(
      (
        await send(
          server,
          UpdateContactDocument,
          { input: { id: contact.id, version: contact.version, mobile: '13987654321', hobbies: '登山' } },
          repOpts,
        )
      ).body,
    );
    const latest = async (opts: GqlOptions) => (await entries(contact.id, opts))[0].changes;
    expect(await latest(repOpts)).toEqual([
      { field: 'mobile', old: '13812345678', new: '13987654321' },
      { field: 'hobbies', old: '钓鱼', new: '登山' },
    ]);
    expect(await latest({ role: 'finance' })).toEqual([{ field: 'mobile', old: '138****5678', new: '139****4321' }]);
    expect(await latest({ role: 'partner' })).toEqual([]);
    const createdForFinance = (await entries(contact.id, { role: 'finance' }))[1].changes;
    expect(change({ changes: createdForFinance } as Entry, 'name')).toEqual({ field: 'name', old: null, new: '王**' });
  });

  it("answers a hidden archive's history exactly as a missing record's, and audits a confidential one's", async () => {
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const order = await send(
      server,
      CreateTradeDocument,
      {
        input: {
          customerId: gid('Customer', secret.id),
          kind: 'ORDER',
          amount: '1200',
          paymentMethod: 'CREDIT',
          occurredAt: new Date().toISOString(),
        },
      },
      managerOpts,
    );
    expectNoErrors(order.body);
    const hidden = await send(
      server,
      HistoryDocument,
      { recordId: gid('Customer', secret.id), first: 10 },
      { role: 'analyst' },
    );
    const missing = await send(
      server,
      HistoryDocument,
      { recordId: gid('Customer', 987_654_321), first: 10 },
      { role: 'analyst' },
    );
    expect(hidden.body).toEqual(missing.body);
    expect(hidden.body.data?.history).toMatchObject({ totalCount: 0, edges: [] });

    const before = await server.ds.getRepository(ReadAudit).count();
    const [stats] = await entries(gid('Customer', secret.id), financeOpts);
    expect(change(stats, 'tradeTotal')).toEqual({ field: 'tradeTotal', old: '0.00', new: '1200.00' });
    expect(change(stats, 'outstandingBalance')).toEqual({ field: 'outstandingBalance', old: '0.00', new: '1200.00' });
    const audits = (await server.ds.getRepository(ReadAudit).find({ order: { id: 'ASC' } })).slice(before);
    expect(audits.map((a) => [a.customerId, a.kind])).toEqual(
      expect.arrayContaining([
        [secret.id, 'CREDIT_FIELDS'],
        [secret.id, 'A_CLASS_ARCHIVE'],
      ]),
    );
    expect(audits.find((a) => a.kind === 'CREDIT_FIELDS')?.fields).toContain('History.outstandingBalance');
  });
});

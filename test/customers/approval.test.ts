import { RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus } from '../../src/customers/customer.enums';
import { Trade } from '../../src/trades/trade.entity';
import { type User } from '../../src/users/user.entity';
import {
  ApproveArchiveDocument,
  ArchivesAwaitingApprovalDocument,
  CreateDraftDocument,
  RecordOrderDocument,
  RejectArchiveDocument,
  UpdateDraftDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/** 建档审批 and the archive-number coding rule (DOMAIN rule 1), from createCustomer onward. */
describeEachDialect('archive approval', (dialect) => {
  let server: TestServer;
  let rep: User;
  let manager: User;
  let gm: User;
  const as = (user: User, role: RoleName): GqlOptions => ({ role, userId: user.id });
  let repOpts: GqlOptions;
  let managerOpts: GqlOptions;
  let gmOpts: GqlOptions;
  let code = 0;
  /** A fresh, valid 统一社会信用代码 per call. */
  const creditCode = () => `91330100MA${String(Date.now() % 1e6).padStart(6, '0')}${String(++code).padStart(2, '0')}`;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    gm = await makeUser(server.ds, RoleName.GENERAL_MANAGER);
    repOpts = as(rep, RoleName.SALES_REP);
    managerOpts = as(manager, RoleName.SALES_MANAGER);
    gmOpts = as(gm, RoleName.GENERAL_MANAGER);
  });
  afterAll(() => server.stop());

  const draft = async (opts: GqlOptions, over: Record<string, unknown> = {}) =>
    send(
      server,
      CreateDraftDocument,
      { input: { name: `审批测试${++code}有限公司`, kind: 'ENTERPRISE', region: 'EAST', ...over } as never },
      opts,
    );
  const approve = (opts: GqlOptions, id: string, version: number) =>
    send(server, ApproveArchiveDocument, { id, version }, opts);
  const order = (opts: GqlOptions, customerId: string) =>
    send(
      server,
      RecordOrderDocument,
      {
        input: {
          customerId,
          kind: 'ORDER',
          amount: '800',
          paymentMethod: 'CASH',
          occurredAt: new Date().toISOString(),
        },
      },
      opts,
    );
  const row = (id: string) => server.ds.getRepository(Customer).findOneByOrFail({ id: rowId(id) });
  const events = (customerId: number) =>
    server.ds.getRepository(ChangeEvent).find({ where: { customerId }, order: { seq: 'ASC' } });

  it("takes a rep's draft through a manager's approval to its first order", async () => {
    const created = expectNoErrors((await draft(repOpts)).body).createCustomer;
    const year = new Date().getUTCFullYear();
    expect(created).toMatchObject({
      status: 'PENDING_APPROVAL',
      approvedAt: null,
      approvedBy: null,
      createdBy: { id: gid('User', rep.id) },
    });
    expect(created.archiveNo).toMatch(new RegExp(`^HD${year}\\d{6}$`));

    // Archive first: no trade before approval, with a code that names the rule.
    const early = await order(repOpts, created.id);
    expect(errorCodes(early.body)).toEqual(['ARCHIVE_NOT_APPROVED']);
    expect(early.body.errors?.[0].message).toContain('没有档案的客户禁止签约、回款、提货');

    // A rep may not approve, and the draft is on the manager's list.
    expect(errorCodes((await approve(repOpts, created.id, created.version)).body)).toEqual(['FORBIDDEN']);
    const waiting = expectNoErrors(
      (await send(server, ArchivesAwaitingApprovalDocument, { first: 100 }, managerOpts)).body,
    ).archivesAwaitingApproval;
    expect(waiting.edges.map((e) => e.node.id)).toContain(created.id);

    // A stale version is refused and changes nothing.
    expect(errorCodes((await approve(managerOpts, created.id, created.version + 1)).body)).toEqual(['CONFLICT']);
    expect((await row(created.id)).status).toBe(ArchiveStatus.PENDING_APPROVAL);

    const approved = expectNoErrors((await approve(managerOpts, created.id, created.version)).body).approveArchive;
    expect(approved).toMatchObject({
      status: 'ACTIVE',
      approvedBy: { id: gid('User', manager.id) },
      version: created.version + 1,
    });
    expect(Date.parse(approved.approvedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const changes = await events((await row(created.id)).id);
    expect(changes.map((e) => e.operation)).toEqual(['CREATED', 'UPDATED']);
    expect(changes[1].changedFields.split(',')).toEqual(expect.arrayContaining(['status', 'approvedAt']));

    // Deciding twice is refused; trading now works, numbered within the archive.
    expect(errorCodes((await approve(gmOpts, created.id, approved.version)).body)).toEqual(['BAD_USER_INPUT']);
    const first = expectNoErrors((await order(repOpts, created.id)).body).createTrade;
    expect(first.tradeNo).toBe(`${created.archiveNo}-0001`);
    expect(expectNoErrors((await order(repOpts, created.id)).body).createTrade.tradeNo).toBe(
      `${created.archiveNo}-0002`,
    );
  });

  it('never lets a manager decide a draft it created, and keeps such drafts off its own list', async () => {
    const own = expectNoErrors((await draft(managerOpts)).body).createCustomer;
    const refused = await approve(managerOpts, own.id, own.version);
    expect(errorCodes(refused.body)).toEqual(['FORBIDDEN']);
    expect(refused.body.errors?.[0].message).toContain('审批须由他人');
    expect(
      errorCodes(
        (
          await send(
            server,
            RejectArchiveDocument,
            { id: own.id, version: own.version, reason: '资料不全请补充' },
            managerOpts,
          )
        ).body,
      ),
    ).toEqual(['FORBIDDEN']);
    const mine = expectNoErrors(
      (await send(server, ArchivesAwaitingApprovalDocument, { first: 100 }, managerOpts)).body,
    ).archivesAwaitingApproval;
    expect(mine.edges.map((e) => e.node.id)).not.toContain(own.id);
    expect(expectNoErrors((await approve(gmOpts, own.id, own.version)).body).approveArchive.status).toBe('ACTIVE');
  });

  it('rejects a draft with a reason; a rejected archive cannot trade', async () => {
    const created = expectNoErrors((await draft(repOpts)).body).createCustomer;
    const reject = (reason: string) =>
      send(server, RejectArchiveDocument, { id: created.id, version: created.version, reason }, gmOpts);
    expect(errorCodes((await reject('    ')).body)).toEqual(['BAD_USER_INPUT']);
    const rejected = expectNoErrors((await reject('营业执照信息不符')).body).rejectArchive;
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: '营业执照信息不符', approvedAt: null });
    expect(errorCodes((await order(repOpts, created.id)).body)).toEqual(['ARCHIVE_NOT_APPROVED']);
    expect(errorCodes((await approve(managerOpts, created.id, rejected.version)).body)).toEqual(['BAD_USER_INPUT']);
    expect(await server.ds.getRepository(Trade).countBy({ customerId: (await row(created.id)).id })).toBe(0);
  });

  it('never tells a rep that a hidden archive has the credit code; the approving manager is told, with the archive', async () => {
    const hiddenCode = creditCode();
    const hidden = await makeCustomer(server.ds, { abcClass: AbcClass.A, creditCode: hiddenCode });
    const fresh = await draft(repOpts, { creditCode: creditCode() });
    const duplicate = await draft(repOpts, { creditCode: hiddenCode });
    // Same shape of answer as for a code nobody has: a draft, no error.
    expect(duplicate.body.errors).toBeUndefined();
    expect(Object.keys(duplicate.body.data!.createCustomer)).toEqual(Object.keys(fresh.body.data!.createCustomer));
    const dup = duplicate.body.data!.createCustomer;
    expect(dup).toMatchObject({ status: 'PENDING_APPROVAL', creditCode: hiddenCode });

    const refused = await approve(managerOpts, dup.id, dup.version);
    expect(refused.body.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      duplicateOf: { id: gid('Customer', hidden.id), archiveNo: hidden.archiveNo },
    });
    expect(refused.body.errors?.[0].message).toContain(hidden.archiveNo);
    expect((await row(dup.id)).status).toBe(ArchiveStatus.PENDING_APPROVAL);
    expect(await server.ds.getRepository(Customer).countBy({ creditCodeKey: hiddenCode })).toBe(1);
  });

  it('names a visible archive with the same credit code at once, and keeps approved codes for managers to change', async () => {
    const code1 = creditCode();
    const visible = await makeCustomer(server.ds, { creditCode: code1 });
    const clash = await draft(repOpts, { creditCode: code1 });
    expect(clash.body.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      duplicateOf: { archiveNo: visible.archiveNo },
    });

    const own = await makeCustomer(server.ds, { ownerId: rep.id, creditCode: creditCode() });
    const hidden = await makeCustomer(server.ds, { abcClass: AbcClass.A, creditCode: creditCode() });
    // Refused whether or not some hidden archive has the code: the rule does not look.
    for (const target of [creditCode(), hidden.creditCode!]) {
      const body = (
        await send(
          server,
          UpdateDraftDocument,
          { input: { id: gid('Customer', own.id), version: own.version, creditCode: target } },
          repOpts,
        )
      ).body;
      expect(errorCodes(body)).toEqual(['FORBIDDEN']);
    }
    const moved = await send(
      server,
      UpdateDraftDocument,
      { input: { id: gid('Customer', own.id), version: own.version, creditCode: hidden.creditCode } },
      managerOpts,
    );
    expect(moved.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect((await server.ds.getRepository(Customer).findOneByOrFail({ id: own.id })).creditCode).toBe(own.creditCode);
  });

  it('numbers 50 drafts created at once in one region consecutively, with no number twice', async () => {
    const bodies = await Promise.all(Array.from({ length: 50 }, () => draft(gmOpts, { region: 'SOUTHWEST' })));
    const numbers = bodies.map((b) => expectNoErrors(b.body).createCustomer.archiveNo).sort();
    const prefix = `XN${new Date().getUTCFullYear()}`;
    const seqs = numbers.map((n) => {
      expect(n.startsWith(prefix)).toBe(true);
      return Number(n.slice(prefix.length));
    });
    expect(new Set(seqs).size).toBe(50);
    expect(seqs[49] - seqs[0]).toBe(49);
  });
});

describeEachDialect('archive-number coding rule', (dialect) => {
  it('follows ARCHIVE_NO_PATTERN, and a bad pattern stops the start naming it', async () => {
    const server = await startTestServer(dialect, { env: { ARCHIVE_NO_PATTERN: 'KH-{year}-{seq:5}' } });
    try {
      const gm = await makeUser(server.ds, RoleName.GENERAL_MANAGER);
      const { body } = await send(
        server,
        CreateDraftDocument,
        { input: { name: '编码规则测试公司', kind: 'ENTERPRISE' } as never },
        { role: 'general_manager', userId: gm.id },
      );
      expect(expectNoErrors(body).createCustomer.archiveNo).toBe(`KH-${new Date().getUTCFullYear()}-00001`);
    } finally {
      await server.stop();
    }
    await expect(startTestServer(dialect, { env: { ARCHIVE_NO_PATTERN: '{region}{year}' } })).rejects.toThrow(
      /ARCHIVE_NO_PATTERN/,
    );
  });
});

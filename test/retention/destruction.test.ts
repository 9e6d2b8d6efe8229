import { RoleName } from '../../src/auth/roles';
import { Customer } from '../../src/customers/customer.entity';
import { ENTITIES } from '../../src/server/entities';
import { gramsOf } from '../../src/customers/name-grams';
import { type User } from '../../src/users/user.entity';
import {
  ApproveArchiveDocument,
  ApproveDestructionDocument,
  CreateContactDocument,
  CreateDraftDocument,
  CreateTradeDocument,
  DestroyedArchiveDocument,
  DueForDestructionDocument,
  EndRelationshipDocument,
  PlanVisitDocument,
  ProposeDestructionDocument,
  RecordComplaintDocument,
  RejectDestructionDocument,
  RenameCustomerDocument,
  UpdateContactDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/** 保管期限与销毁 (DOMAIN rule 10, issue 14 section 7), from createCustomer to a destruction nothing survives. */
describeEachDialect('retention and destruction', (dialect) => {
  let server: TestServer;
  let rep: User;
  const opts: Record<string, GqlOptions> = {};
  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { ARCHIVE_RETENTION_YEARS: '1' } });
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    opts.rep = { role: 'sales_rep', userId: rep.id };
    for (const [name, role] of [
      ['manager', RoleName.SALES_MANAGER],
      ['admin', RoleName.ARCHIVE_ADMIN],
      ['gm', RoleName.GENERAL_MANAGER],
      ['service', RoleName.CUSTOMER_SERVICE],
    ] as const) {
      opts[name] = { role: role as never, userId: (await makeUser(server.ds, role)).id };
    }
  });
  afterAll(() => server.stop());

  /** Values that are personal or free text: after destruction none may be left in any table. */
  const secrets = (tag: string) => ({
    company: `销毁测试${tag}贸易有限公司`,
    phone: '0571-86661234',
    email: `secret${tag}@example.com`,
    address: `杭州市西湖区文三路${tag}号`,
    person: `法人${tag}`,
    oldMobile: '13655551234',
    newMobile: '13655559876',
    hobbies: `收藏紫砂壶${tag}`,
    family: `已婚育有一子${tag}`,
    notes: `秘密折扣条款${tag}`,
    complaint: `投诉内容甲乙丙${tag}`,
    summary: `拜访纪要丁戊己${tag}`,
  });

  async function archiveWithEverything(tag: string) {
    const s = secrets(tag);
    const draft = expectNoErrors(
      (
        await send(
          server,
          CreateDraftDocument,
          {
            input: {
              name: s.company,
              shortName: `简称${tag}`,
              kind: 'ENTERPRISE',
              phone: s.phone,
              email: s.email,
              address: s.address,
              legalRepresentative: s.person,
            } as never,
          },
          opts.rep,
        )
      ).body,
    ).createCustomer;
    const approved = expectNoErrors(
      (await send(server, ApproveArchiveDocument, { id: draft.id, version: draft.version }, opts.manager)).body,
    ).approveArchive;
    const contact = expectNoErrors(
      (
        await send(
          server,
          CreateContactDocument,
          {
            input: {
              customerId: draft.id,
              name: `联系人${tag}`,
              mobile: s.oldMobile,
              hobbies: s.hobbies,
              family: s.family,
            } as never,
          },
          opts.rep,
        )
      ).body,
    ).createContact;
    expectNoErrors(
      (
        await send(
          server,
          UpdateContactDocument,
          { input: { id: contact.id, version: contact.version, mobile: s.newMobile, note: '换号' } },
          opts.rep,
        )
      ).body,
    );
    expectNoErrors(
      (
        await send(
          server,
          CreateTradeDocument,
          {
            input: {
              customerId: draft.id,
              kind: 'ORDER',
              amount: '8800',
              paymentMethod: 'CASH',
              occurredAt: '2026-01-05T00:00:00.000Z',
              notes: s.notes,
            },
          },
          opts.rep,
        )
      ).body,
    );
    expectNoErrors(
      (
        await send(
          server,
          RecordComplaintDocument,
          {
            input: { customerId: draft.id, channel: 'PHONE', category: 'QUALITY', content: s.complaint },
          },
          opts.service,
        )
      ).body,
    );
    expectNoErrors(
      (
        await send(
          server,
          PlanVisitDocument,
          {
            input: {
              customerId: draft.id,
              kind: 'VISIT',
              subject: '回访',
              summary: s.summary,
              occurredAt: '2026-01-06T00:00:00.000Z',
            } as never,
          },
          opts.rep,
        )
      ).body,
    );
    return { ...approved, secrets: s };
  }

  const backdateEnd = (archiveNo: string, years: number) =>
    server.ds
      .createQueryBuilder()
      .update(Customer)
      .set({ endedAt: new Date(Date.now() - years * 366 * 86_400_000) })
      .where('archiveNo = :archiveNo', { archiveNo })
      .execute();

  it('erases every personal and free-text value of a destroyed archive from every table, keeping its number, totals and the record', async () => {
    const archive = await archiveWithEverything(`${dialect}1`);
    // Renamed (更名): the old name is a former name, searchable until the archive is destroyed.
    const renamed = expectNoErrors(
      (
        await send(
          server,
          RenameCustomerDocument,
          {
            id: archive.id,
            version: archive.version,
            newName: `新名${archive.secrets.company}`,
            effectiveOn: '2026-01-01',
            documentRef: '更名通知',
          },
          opts.manager,
        )
      ).body,
    ).renameCustomer;
    expect(renamed.nameHistory.map((h) => h.name)).toEqual([archive.secrets.company]);
    const end = (o: GqlOptions) =>
      send(
        server,
        EndRelationshipDocument,
        { id: archive.id, version: renamed.version, reason: '合作终止，不再续约' },
        o,
      );
    expect(errorCodes((await end(opts.rep)).body)).toEqual(['FORBIDDEN']);
    const ended = expectNoErrors((await end(opts.manager)).body).endRelationship;
    expect(ended.status).toBe('ENDED');

    // The retention clock: not due yet, and a proposal says until when.
    const due = async () =>
      expectNoErrors((await send(server, DueForDestructionDocument, {}, opts.admin)).body).dueForDestruction.edges.map(
        (e) => e.node.id,
      );
    expect(await due()).not.toContain(archive.id);
    const early = await send(
      server,
      ProposeDestructionDocument,
      { customerId: archive.id, reason: '保管期满，按规定销毁' },
      opts.admin,
    );
    expect(early.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(early.body.errors?.[0].message).toMatch(/retention runs until \d{4}-\d\d-\d\d/);
    await backdateEnd(archive.archiveNo, 2);
    expect(await due()).toContain(archive.id);

    // Proposed by an archive admin, decided by a general manager: two people.
    expect(
      errorCodes(
        (
          await send(
            server,
            ProposeDestructionDocument,
            { customerId: archive.id, reason: '保管期满，按规定销毁' },
            opts.gm,
          )
        ).body,
      ),
    ).toEqual(['FORBIDDEN']);
    const proposal = expectNoErrors(
      (
        await send(
          server,
          ProposeDestructionDocument,
          { customerId: archive.id, reason: '保管期满，按规定销毁' },
          opts.admin,
        )
      ).body,
    ).proposeDestruction;
    expect(proposal).toMatchObject({ archiveNo: archive.archiveNo, status: 'PROPOSED' });
    expect(errorCodes((await send(server, ApproveDestructionDocument, { id: proposal.id }, opts.admin)).body)).toEqual([
      'FORBIDDEN',
    ]);
    const done = expectNoErrors(
      (await send(server, ApproveDestructionDocument, { id: proposal.id }, opts.gm)).body,
    ).approveDestruction;
    expect(done).toMatchObject({ status: 'APPROVED', decidedBy: { id: expect.any(String) } });
    expect(JSON.parse(done.erased!)).toMatchObject({ Customer: 1, Contact: 1, Trade: 1, Complaint: 1, Visit: 1 });
    expect(errorCodes((await send(server, ApproveDestructionDocument, { id: proposal.id }, opts.gm)).body)).toEqual([
      'BAD_USER_INPUT',
    ]);

    const destroyed = expectNoErrors(
      (await send(server, DestroyedArchiveDocument, { id: archive.id }, opts.gm)).body,
    ).customer;
    expect(destroyed).toMatchObject({
      archiveNo: archive.archiveNo,
      status: 'DESTROYED',
      name: '已销毁',
      phone: null,
      email: null,
      address: null,
      legalRepresentative: null,
      tradeCount: 1,
      tradeTotal: '8800.00',
      contacts: { edges: [{ node: { name: '已销毁', mobile: null, hobbies: null } }] },
    });

    // Straight from the database: no table holds any of the erased values any more.
    const left: string[] = [];
    for (const entity of ENTITIES) {
      const table = server.ds.getMetadata(entity).tableName;
      const text = JSON.stringify(await server.ds.query(`SELECT * FROM ${table}`));
      for (const [what, value] of Object.entries(archive.secrets))
        if (text.includes(value)) left.push(`${table}: ${what}`);
    }
    expect(left).toEqual([]);
    // Nor the search index a fragment of them (name, short name, former name): it holds the grams of what is
    // left (customers/name-grams.ts).
    const grams = (await server.ds.query('SELECT gram FROM customer_name_gram WHERE customer_id = ?', [
      rowId(archive.id),
    ])) as { gram: string }[];
    expect(grams.map((g) => g.gram).sort()).toEqual(gramsOf(['已销毁', archive.archiveNo]).sort());
  });

  it('lets a general manager reject a proposal, and never the one who proposed decide it', async () => {
    const archive = await archiveWithEverything(`${dialect}2`);
    expectNoErrors(
      (
        await send(
          server,
          EndRelationshipDocument,
          { id: archive.id, version: archive.version, reason: '客户注销，关系终止' },
          opts.manager,
        )
      ).body,
    );
    await backdateEnd(archive.archiveNo, 2);
    const both = await makeUser(server.ds, RoleName.GENERAL_MANAGER);
    const bothOpts: GqlOptions = { role: ['archive_admin', 'general_manager'], userId: both.id };
    const proposal = expectNoErrors(
      (
        await send(
          server,
          ProposeDestructionDocument,
          { customerId: archive.id, reason: '保管期满，按规定销毁' },
          bothOpts,
        )
      ).body,
    ).proposeDestruction;
    const own = await send(server, ApproveDestructionDocument, { id: proposal.id }, bothOpts);
    expect(errorCodes(own.body)).toEqual(['FORBIDDEN']);
    const rejected = expectNoErrors(
      (await send(server, RejectDestructionDocument, { id: proposal.id, note: '涉诉案件未结，暂缓销毁' }, opts.gm))
        .body,
    ).rejectDestruction;
    expect(rejected).toMatchObject({ status: 'REJECTED', decisionNote: '涉诉案件未结，暂缓销毁' });
    const kept = await server.ds.getRepository(Customer).findOneByOrFail({ id: rowId(archive.id) });
    expect(kept).toMatchObject({ status: 'ENDED', name: archive.secrets.company, phone: archive.secrets.phone });
  });
});

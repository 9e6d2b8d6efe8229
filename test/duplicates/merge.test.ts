import { RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { Contact } from '../../src/contacts/contact.entity';
import { Customer } from '../../src/customers/customer.entity';
import { ArchiveStatus } from '../../src/customers/customer.enums';
import { Trade } from '../../src/trades/trade.entity';
import {
  ArchiveLookupDocument,
  CreateContactDocument,
  CreateDraftDocument,
  CreateTradeDocument,
  DuplicateCandidatesDocument,
  MergeArchivesDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer, makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/** 查重 and merge (issue 14 section 2). */
describeEachDialect('duplicates and merge', (dialect) => {
  let server: TestServer;
  let repOpts: GqlOptions;
  let managerOpts: GqlOptions;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    repOpts = { role: 'sales_rep', userId: (await makeUser(server.ds, RoleName.SALES_REP)).id };
    managerOpts = { role: 'sales_manager', userId: (await makeUser(server.ds, RoleName.SALES_MANAGER)).id };
  });
  afterAll(() => server.stop());
  const idOf = rowId;

  it("shows a manager the archives a rep's draft may duplicate, with why, and merges the draft into one", async () => {
    const tag = `${dialect}${Date.now() % 1e6}`;
    const kept = await makeCustomer(server.ds, { name: `杭州华信${tag}电子科技有限公司`, phone: '0571-88886666' });
    await makeContact(server.ds, kept.id, { mobile: '13912345678' });
    const unrelated = await makeCustomer(server.ds, { name: `宁波远洋${tag}物流有限公司` });

    const draft = expectNoErrors(
      (
        await send(
          server,
          CreateDraftDocument,
          { input: { name: `华信${tag}电子科技(集团)股份有限公司`, kind: 'ENTERPRISE' } as never },
          repOpts,
        )
      ).body,
    ).createCustomer;
    const contact = expectNoErrors(
      (
        await send(
          server,
          CreateContactDocument,
          { input: { customerId: draft.id, name: '王芳', mobile: '13912345678' } as never },
          repOpts,
        )
      ).body,
    ).createContact;

    expect(
      errorCodes((await send(server, DuplicateCandidatesDocument, { customerId: draft.id }, repOpts)).body),
    ).toEqual(['FORBIDDEN']);
    const candidates = expectNoErrors(
      (await send(server, DuplicateCandidatesDocument, { customerId: draft.id }, managerOpts)).body,
    ).duplicateCandidates;
    expect(candidates).toEqual([
      {
        customer: expect.objectContaining({ id: gid('Customer', kept.id) }),
        reasons: ['SIMILAR_NAME', 'SAME_CONTACT_MOBILE'],
      },
    ]);
    expect(candidates.map((c) => c.customer.id)).not.toContain(gid('Customer', unrelated.id));

    const merge = (opts: GqlOptions, keepVersion = kept.version, mergeVersion = draft.version) =>
      send(
        server,
        MergeArchivesDocument,
        {
          keepId: gid('Customer', kept.id),
          keepVersion,
          mergeId: draft.id,
          mergeVersion,
          reason: '重复建档，合并到原档案',
        },
        opts,
      );
    expect(errorCodes((await merge(repOpts)).body)).toEqual(['FORBIDDEN']);
    expect(errorCodes((await merge(managerOpts, kept.version, draft.version + 1)).body)).toEqual(['CONFLICT']);
    expect((await server.ds.getRepository(Contact).findOneByOrFail({ id: idOf(contact.id) })).customerId).toBe(
      idOf(draft.id),
    );

    const before = await server.ds.getRepository(ChangeEvent).count();
    const merged = expectNoErrors((await merge(managerOpts)).body).mergeArchives;
    expect(merged).toMatchObject({ id: gid('Customer', kept.id), contacts: { totalCount: 2 } });
    expect(await server.ds.getRepository(Customer).findOneByOrFail({ id: idOf(draft.id) })).toMatchObject({
      status: ArchiveStatus.MERGED,
      mergedIntoId: kept.id,
    });
    const events = (await server.ds.getRepository(ChangeEvent).find({ order: { seq: 'ASC' } })).slice(before);
    expect(events.map((e) => `${e.recordType}:${e.recordId}`).sort()).toEqual(
      [`Contact:${idOf(contact.id)}`, `Customer:${kept.id}`, `Customer:${idOf(draft.id)}`].sort(),
    );

    // A lookup of the merged archive answers with the kept one.
    const lookup = expectNoErrors(
      (await send(server, ArchiveLookupDocument, { id: draft.id }, { role: 'analyst' })).body,
    );
    expect(lookup.customer).toMatchObject({ id: gid('Customer', kept.id), status: 'ACTIVE' });
    expect(lookup.node).toEqual({ id: gid('Customer', kept.id) });
    // And it is no longer a candidate for anything.
    const again = expectNoErrors(
      (await send(server, DuplicateCandidatesDocument, { customerId: gid('Customer', kept.id) }, managerOpts)).body,
    ).duplicateCandidates;
    expect(again.map((c) => c.customer.id)).not.toContain(draft.id);
  });

  it('moves trades with their statistics and balance, renaming a trade number the kept archive already uses', async () => {
    const keep = await makeCustomer(server.ds, { creditLimit: '100000.00' });
    const dup = await makeCustomer(server.ds, { creditLimit: '100000.00' });
    const order = (c: Customer, amount: string, tradeNo: string) =>
      send(
        server,
        CreateTradeDocument,
        {
          input: {
            customerId: gid('Customer', c.id),
            kind: 'ORDER',
            amount,
            paymentMethod: 'CREDIT',
            occurredAt: '2026-01-05T00:00:00.000Z',
            tradeNo,
          },
        },
        managerOpts,
      );
    expectNoErrors((await order(keep, '1000', 'C-001')).body);
    expectNoErrors((await order(dup, '250.50', 'C-001')).body);
    expectNoErrors((await order(dup, '300', 'C-002')).body);
    const [k, d] = await Promise.all(
      [keep, dup].map((c) => server.ds.getRepository(Customer).findOneByOrFail({ id: c.id })),
    );
    const merged = expectNoErrors(
      (
        await send(
          server,
          MergeArchivesDocument,
          {
            keepId: gid('Customer', k.id),
            keepVersion: k.version,
            mergeId: gid('Customer', d.id),
            mergeVersion: d.version,
            reason: '同一客户两份档案',
          },
          managerOpts,
        )
      ).body,
    ).mergeArchives;
    expect(merged).toMatchObject({ tradeCount: 3, tradeTotal: '1550.50', outstandingBalance: '1550.50' });
    expect(merged.trades.edges.map((e) => e.node.tradeNo).sort()).toEqual(['C-001', 'C-001~2', 'C-002']);
    expect(await server.ds.getRepository(Trade).countBy({ customerId: d.id })).toBe(0);
    expect(await server.ds.getRepository(Customer).findOneByOrFail({ id: d.id })).toMatchObject({
      tradeCount: 0,
      tradeTotal: '0.00',
      outstandingBalance: '0.00',
    });
  });
});

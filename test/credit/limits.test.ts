import { RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { CreditLimitRaise } from '../../src/credit/credit-limit-raise.entity';
import { Customer } from '../../src/customers/customer.entity';
import { ReadAudit } from '../../src/audit/read-audit.entity';
import { type User } from '../../src/users/user.entity';
import {
  ApproveCreditLimitRaiseDocument,
  CreditLimitRaisesDocument,
  CreditReviewsDueDocument,
  CustomerCreditDocument,
  RecordCreditReviewDocument,
  RejectCreditLimitRaiseDocument,
  RequestCreditLimitRaiseDocument,
  UpdateCustomerDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';
import { approvedArchive, as } from '../support/workflow';

const DAY = 86_400_000;

/**
 * Credit limits (seed 003: 要加大欠款额度可提出书面申请,经事业部总经理批准; 营销人员对客户进行季度考核):
 * finance lowers a limit directly; a raise is a request a general manager approves; the
 * quarterly review sets level, limit, term and assessment without raising the limit.
 */
describeEachDialect('credit limits and reviews', (dialect) => {
  let server: TestServer;
  let now = Date.now();
  let rep: User;
  let manager: User;
  let gm: User;
  let finance: User;
  beforeAll(async () => {
    server = await startTestServer(dialect, { clock: () => new Date(now) });
    [rep, manager, gm, finance] = await Promise.all([
      makeUser(server.ds, RoleName.SALES_REP),
      makeUser(server.ds, RoleName.SALES_MANAGER),
      makeUser(server.ds, RoleName.GENERAL_MANAGER),
      makeUser(server.ds, RoleName.FINANCE),
    ]);
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    now = Date.now();
  });

  const credit = async (id: string) =>
    expectNoErrors((await send(server, CustomerCreditDocument, { id }, as(finance))).body).customer!;
  const request = (customerId: string, newLimit: string, opts: GqlOptions = as(rep)) =>
    send(server, RequestCreditLimitRaiseDocument, { input: { customerId, newLimit, reason: '合作规模扩大' } }, opts);

  it('refuses a raise through updateCustomer, pointing to the request, and lets finance lower a limit there', async () => {
    const customer = await approvedArchive(server, rep, manager);
    await setByRaise(customer.id, '50000');
    const c = await credit(customer.id);
    const update = (creditLimit: string, version: number) =>
      send(server, UpdateCustomerDocument, { input: { id: customer.id, version, creditLimit } }, as(finance));
    const raised = await update('50000.01', c.version);
    expect(errorCodes(raised.body)).toEqual(['CREDIT_LIMIT_RAISE_NEEDS_APPROVAL']);
    expect(raised.body.errors?.[0].message).toContain('requestCreditLimitRaise');
    expect((await credit(customer.id)).creditLimit).toBe('50000.00');
    // The same limit is no change (no version bump), a lower one is finance's own step.
    expect(expectNoErrors((await update('50000', c.version)).body).updateCustomer.creditLimit).toBe('50000.00');
    expect(expectNoErrors((await update('30000', c.version)).body).updateCustomer.creditLimit).toBe('30000.00');
  });

  /** Asks as the rep, approves as the general manager: the limit is newLimit afterwards. */
  async function setByRaise(customerId: string, newLimit: string) {
    const asked = (await request(customerId, newLimit)).body.data!.requestCreditLimitRaise;
    return expectNoErrors(
      (await send(server, ApproveCreditLimitRaiseDocument, { id: asked.id, version: asked.version }, as(gm))).body,
    ).approveCreditLimitRaise;
  }

  it("raises a limit by a general manager's approval, keeping the old and the new limit, never by one's own", async () => {
    const customer = await approvedArchive(server, rep, manager);
    const asked = await request(customer.id, '80000');
    // The requester may not read the current limit: the request says nothing of it to the rep.
    expect(asked.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['requestCreditLimitRaise.oldLimit', 'FORBIDDEN'],
    ]);
    const raise = asked.body.data!.requestCreditLimitRaise;
    expect(raise).toMatchObject({
      status: 'REQUESTED',
      newLimit: '80000.00',
      oldLimit: null,
      requestedBy: { id: gid('User', rep.id) },
    });
    expect((await credit(customer.id)).creditLimit).toBe('0.00');

    for (const opts of [as(rep), as(manager), as(finance)]) {
      expect(
        errorCodes(
          (await send(server, ApproveCreditLimitRaiseDocument, { id: raise.id, version: raise.version }, opts)).body,
        ),
      ).toEqual(['FORBIDDEN']);
    }
    const own = expectNoErrors((await request(customer.id, '90000', as(gm))).body).requestCreditLimitRaise;
    expect(
      errorCodes(
        (await send(server, ApproveCreditLimitRaiseDocument, { id: own.id, version: own.version }, as(gm))).body,
      ),
    ).toEqual(['FORBIDDEN']);

    const approved = expectNoErrors(
      (await send(server, ApproveCreditLimitRaiseDocument, { id: raise.id, version: raise.version }, as(gm))).body,
    ).approveCreditLimitRaise;
    expect(approved).toMatchObject({
      status: 'APPROVED',
      oldLimit: '0.00',
      newLimit: '80000.00',
      decidedBy: { id: gid('User', gm.id) },
    });
    expect((await credit(customer.id)).creditLimit).toBe('80000.00');
    expect(
      errorCodes(
        (await send(server, ApproveCreditLimitRaiseDocument, { id: raise.id, version: approved.version }, as(gm))).body,
      ),
    ).toEqual(['BAD_USER_INPUT']);

    const rejected = await send(
      server,
      RejectCreditLimitRaiseDocument,
      { id: own.id, version: own.version, note: '回款记录不足' },
      as(gm),
    );
    expect(errorCodes(rejected.body)).toEqual(['FORBIDDEN']);
    const other = await makeUser(server.ds, RoleName.GENERAL_MANAGER);
    expect(
      expectNoErrors(
        (
          await send(
            server,
            RejectCreditLimitRaiseDocument,
            { id: own.id, version: own.version, note: '回款记录不足' },
            as(other),
          )
        ).body,
      ).rejectCreditLimitRaise,
    ).toMatchObject({ status: 'REJECTED', decisionNote: '回款记录不足', oldLimit: '0.00' });
    expect((await credit(customer.id)).creditLimit).toBe('80000.00');

    // History: the request's events and the customer's limit change, in the approving transaction.
    const id = rowId(customer.id);
    const events = await server.ds
      .getRepository(ChangeEvent)
      .find({ where: { customerId: id }, order: { seq: 'ASC' } });
    const approval = events.filter((e) => e.actorUserId === gm.id && e.operation === 'UPDATED');
    expect(approval.map((e) => [e.recordType, e.changedFields])).toEqual([
      ['CreditLimitRaise', 'status,decidedById,decidedAt,oldLimit'],
      ['Customer', 'creditLimit'],
    ]);
    // Reading the limit a request replaced is a credit read of the archive (查阅登记).
    await send(server, CreditLimitRaisesDocument, { first: 10, filter: { customerId: customer.id } }, as(finance));
    const fields = async () =>
      (await server.ds.getRepository(ReadAudit).find({ where: { customerId: id, userId: finance.id } }))
        .map((a) => a.fields)
        .join(',');
    expect(await fields()).not.toContain('CreditLimitRaise.oldLimit');
    await server.gql(
      'query ($f: CreditLimitRaiseFilter) { creditLimitRaises(first: 5, filter: $f) { edges { node { oldLimit } } } }',
      { f: { customerId: customer.id } },
      as(finance),
    );
    expect(await fields()).toContain('CreditLimitRaise.oldLimit');
  });

  it('lists requests to their requester and to credit readers, and refuses requesters without orders or payments', async () => {
    const customer = await approvedArchive(server, rep, manager);
    await request(customer.id, '1000');
    const list = async (opts: GqlOptions) =>
      (await send(server, CreditLimitRaisesDocument, { first: 10, filter: { customerId: customer.id } }, opts)).body;
    expect(expectNoErrors(await list(as(rep))).creditLimitRaises.totalCount).toBe(1);
    expect(
      expectNoErrors(await list(as(await makeUser(server.ds, RoleName.SALES_REP)))).creditLimitRaises.totalCount,
    ).toBe(0);
    expect(expectNoErrors(await list(as(finance))).creditLimitRaises.totalCount).toBe(1);
    expect(errorCodes(await list({ role: 'partner' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes((await request(customer.id, '1000', { role: 'customer_service' })).body)).toEqual(['FORBIDDEN']);
    expect(
      errorCodes((await request(customer.id, '1000', as(await makeUser(server.ds, RoleName.SALES_REP)))).body),
    ).toEqual(['NOT_FOUND']);
    expect(await server.ds.getRepository(CreditLimitRaise).countBy({ customerId: rowId(customer.id) })).toBe(1);
  });

  it('lists reviews due every quarter; finance records one, which may keep or lower the limit, not raise it', async () => {
    const customer = await approvedArchive(server, rep, manager);
    await setByRaise(customer.id, '60000');
    const draft = await makeCustomer(server.ds, { status: 'PENDING_APPROVAL' as never });
    const due = async () => {
      const ids: string[] = [];
      let after: string | null | undefined;
      for (;;) {
        const page = expectNoErrors(
          (await send(server, CreditReviewsDueDocument, { first: 100, after }, as(finance))).body,
        ).creditReviewsDue;
        ids.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) return ids;
        after = page.pageInfo.endCursor;
      }
    };
    expect(await due()).toContain(customer.id);
    expect(await due()).not.toContain(gid('Customer', draft.id));

    const c = await credit(customer.id);
    const review = (creditLimit: string, version: number, opts: GqlOptions = as(finance)) =>
      send(
        server,
        RecordCreditReviewDocument,
        {
          input: {
            customerId: customer.id,
            version,
            creditLevel: 'AA',
            creditLimit,
            creditTermDays: 30,
            creditAssessment: '回款及时，经营稳定',
          },
        },
        opts,
      );
    expect(errorCodes((await review('60000.01', c.version)).body)).toEqual(['CREDIT_LIMIT_RAISE_NEEDS_APPROVAL']);
    for (const opts of [as(manager), as(gm), as(rep)])
      expect(errorCodes((await review('60000', c.version, opts)).body)).toEqual(['FORBIDDEN']);
    expect(errorCodes((await review('60000', c.version + 5)).body)).toEqual(['CONFLICT']);
    const done = expectNoErrors((await review('55000', c.version)).body).recordCreditReview;
    expect(done).toMatchObject({
      creditLevel: 'AA',
      creditLimit: '55000.00',
      creditTermDays: 30,
      creditAssessment: '回款及时，经营稳定',
    });
    expect(Date.parse(done.lastCreditReviewAt!)).toBe(now);
    expect(await due()).not.toContain(customer.id);
    const [event] = await server.ds
      .getRepository(ChangeEvent)
      .find({ where: { customerId: rowId(customer.id), actorUserId: finance.id }, order: { seq: 'DESC' }, take: 1 });
    expect(event.changedFields.split(',')).toEqual(
      expect.arrayContaining(['creditLevel', 'creditLimit', 'creditTermDays', 'lastCreditReviewAt']),
    );

    // A quarter later it is due again.
    now += 80 * DAY;
    expect(await due()).not.toContain(customer.id);
    now += 15 * DAY;
    expect(await due()).toContain(customer.id);
    expect(errorCodes((await send(server, CreditReviewsDueDocument, { first: 1 }, as(rep))).body)).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      errorCodes(
        (
          await send(
            server,
            RecordCreditReviewDocument,
            {
              input: {
                customerId: gid('Customer', draft.id),
                version: draft.version,
                creditLevel: 'B',
                creditLimit: '0',
                creditTermDays: 0,
                creditAssessment: '新客户',
              },
            },
            as(finance),
          )
        ).body,
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect((await server.ds.getRepository(Customer).findOneByOrFail({ id: draft.id })).lastCreditReviewAt).toBeNull();
  });
});

import { RoleName } from '../../src/auth/roles';
import { type User } from '../../src/users/user.entity';
import {
  AddContactDocument,
  EditContactDocument,
  EditTouchDocument,
  LogTouchDocument,
  PlaceOrderDocument,
  UpcomingAnniversariesDocument,
  UpcomingBirthdaysDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { makeUser } from '../support/factories';
import {
  errorCodes,
  expectNoErrors,
  type GqlBody,
  type GqlOptions,
  startTestServer,
  type TestServer,
} from '../support/server';
import { send } from '../support/typed';
import { approvedArchive, as } from '../support/workflow';

const DAY = 86_400_000;
const badFields = (body: GqlBody<unknown>) =>
  ((body.errors?.[0].extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);
/** 28 December, so a ten-day window runs into January. */
const DEC_28 = Date.UTC(new Date().getUTCFullYear(), 11, 28, 9);
const year = new Date(DEC_28).getUTCFullYear();

/**
 * 生日、店庆 and consent (issue 15 section 5, DOMAIN rule 11; 个人信息保护法): upcoming birthdays
 * for roles that read them in full, for marketing only with recorded consent; a GREETING to a
 * person needs that consent; founding and first-trade anniversaries. The clock stands at
 * 28 December so the window passes the year's end.
 */
describeEachDialect('care reminders and consent', (dialect) => {
  let server: TestServer;
  let rep: User;
  let otherRep: User;
  let manager: User;
  let cs: User;
  let now = DEC_28;
  const clock = () => new Date(now);
  const consent = {
    consentPurpose: '节日问候与新品推介',
    consentAt: new Date(DEC_28 - 30 * DAY).toISOString(),
    marketingConsent: true,
  };

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock });
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    otherRep = await makeUser(server.ds, RoleName.SALES_REP);
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    cs = await makeUser(server.ds, RoleName.CUSTOMER_SERVICE);
  });
  afterAll(() => server.stop());

  const contact = async (
    customerId: string,
    name: string,
    birthday: string | null,
    over: Record<string, unknown> = {},
  ) =>
    expectNoErrors(
      (await send(server, AddContactDocument, { input: { customerId, name, birthday, ...over } as never }, as(manager)))
        .body,
    ).createContact;
  const birthdays = async (opts: GqlOptions, marketing?: boolean, days = 10) =>
    send(server, UpcomingBirthdaysDocument, { days, marketing, first: 100 }, opts);
  const names = async (opts: GqlOptions, marketing?: boolean) =>
    expectNoErrors((await birthdays(opts, marketing)).body).upcomingBirthdays.edges.map((e) => [
      e.node.name,
      e.node.nextBirthday,
    ]);

  it('requires recorded consent for marketing: on the contact, and for a GREETING to the person', async () => {
    const c = await approvedArchive(server, rep, manager);
    const noDate = await send(
      server,
      AddContactDocument,
      { input: { customerId: c.id, name: '赵敏', marketingConsent: true, consentPurpose: '节日问候' } },
      as(rep),
    );
    expect(badFields(noDate.body)).toEqual(['marketingConsent']);
    const plain = await contact(c.id, '赵敏', '1985-01-02');
    const greet = (contactId: string, user = rep) =>
      send(
        server,
        LogTouchDocument,
        {
          input: {
            customerId: c.id,
            contactId,
            kind: 'GREETING',
            subject: '新年问候',
            occurredAt: new Date(now).toISOString(),
          },
        },
        as(user),
      );
    const refused = await greet(plain.id);
    expect(errorCodes(refused.body)).toEqual(['CONSENT_REQUIRED']);
    expect(badFields(refused.body)).toEqual(['contactId']);
    // A call to the same person is no marketing.
    const call = expectNoErrors(
      (
        await send(
          server,
          LogTouchDocument,
          { input: { customerId: c.id, contactId: plain.id, kind: 'PHONE_CALL', subject: '回访' } },
          as(rep),
        )
      ).body,
    ).createVisit;
    expect(
      errorCodes(
        (
          await send(
            server,
            EditTouchDocument,
            { input: { id: call.id, version: call.version, kind: 'GREETING' } },
            as(rep),
          )
        ).body,
      ),
    ).toEqual(['CONSENT_REQUIRED']);

    const agreed = expectNoErrors(
      (
        await send(
          server,
          EditContactDocument,
          { input: { id: plain.id, version: plain.version, ...consent } },
          as(rep),
        )
      ).body,
    ).updateContact;
    expect(agreed.marketingConsent).toBe(true);
    const greeted = expectNoErrors((await greet(plain.id)).body).createVisit;
    // Clearing the date the consent rests on is refused while it stands; withdrawing it is always possible.
    expect(
      badFields(
        (
          await send(
            server,
            EditContactDocument,
            { input: { id: plain.id, version: agreed.version, consentAt: null } },
            as(rep),
          )
        ).body,
      ),
    ).toEqual(['marketingConsent']);
    const withdrawn = expectNoErrors(
      (
        await send(
          server,
          EditContactDocument,
          { input: { id: plain.id, version: agreed.version, marketingConsent: false } },
          as(rep),
        )
      ).body,
    ).updateContact;
    expect(withdrawn.marketingConsent).toBe(false);
    expect(errorCodes((await greet(plain.id)).body)).toEqual(['CONSENT_REQUIRED']);
    // The greeting made while it stood stays on record, and its notes may still be completed.
    expectNoErrors(
      (
        await send(
          server,
          EditTouchDocument,
          { input: { id: greeted.id, version: greeted.version, summary: '客户回复感谢' } },
          as(rep),
        )
      ).body,
    );
  });

  it("lists birthdays of the next days across the year's end, for marketing only with consent, to roles that read them in full", async () => {
    const mine = await approvedArchive(server, rep, manager);
    const theirs = await approvedArchive(server, otherRep, manager);
    await contact(mine.id, '钱一', '1980-12-30', consent);
    await contact(mine.id, '钱二', '1975-01-03', consent);
    await contact(mine.id, '钱三', '1990-12-29');
    await contact(mine.id, '钱四', '1990-01-20', consent);
    await contact(theirs.id, '孙一', '1988-12-31', consent);
    const ours = (list: unknown[][]) => list.filter(([n]) => /^[钱孙]/.test(n as string));

    expect(ours(await names(as(manager)))).toEqual([
      ['钱一', `${year}-12-30`],
      ['孙一', `${year}-12-31`],
      ['钱二', `${year + 1}-01-03`],
    ]);
    expect(ours(await names(as(manager), false))).toEqual([
      ['钱三', `${year}-12-29`],
      ['钱一', `${year}-12-30`],
      ['孙一', `${year}-12-31`],
      ['钱二', `${year + 1}-01-03`],
    ]);
    expect(ours(await names(as(cs)))).toHaveLength(3);
    // A rep sees its own customers' contacts only: the others' birthdays are masked for it.
    expect(ours(await names(as(rep)))).toEqual([
      ['钱一', `${year}-12-30`],
      ['钱二', `${year + 1}-01-03`],
    ]);
    for (const role of ['finance', 'analyst', 'partner', 'archive_admin'] as const)
      expect(errorCodes((await birthdays({ role })).body)).toEqual(['FORBIDDEN']);

    // Paged one by one, forward, across the year's end.
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: {
        upcomingBirthdays: {
          edges: { node: { name: string | null } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } = expectNoErrors((await send(server, UpcomingBirthdaysDocument, { days: 10, first: 1, after }, as(rep))).body);
      seen.push(...page.upcomingBirthdays.edges.map((e) => e.node.name!));
      if (!page.upcomingBirthdays.pageInfo.hasNextPage) break;
      after = page.upcomingBirthdays.pageInfo.endCursor;
    }
    expect(seen.filter((n) => n.startsWith('钱'))).toEqual(['钱一', '钱二']);
  });

  it('lists founding days and first-trade days ahead, with which anniversary it is', async () => {
    const founded = await approvedArchive(server, rep, manager, { foundedOn: '2001-01-05' });
    const traded = await approvedArchive(server, rep, manager, { foundedOn: '2010-06-01' });
    now = DEC_28 - 2 * 365 * DAY;
    expectNoErrors(
      (
        await send(
          server,
          PlaceOrderDocument,
          {
            input: {
              customerId: traded.id,
              kind: 'ORDER',
              amount: '100.00',
              paymentMethod: 'CASH',
              occurredAt: new Date(Date.UTC(year - 2, 11, 31, 10)).toISOString(),
            },
          },
          as(rep),
        )
      ).body,
    );
    now = DEC_28;
    const list = expectNoErrors(
      (await send(server, UpcomingAnniversariesDocument, { days: 10, first: 100 }, as(rep))).body,
    ).upcomingAnniversaries;
    const ours = list.edges
      .map((e) => e.node)
      .filter((a) => [founded.id, traded.id].includes(a.customer.id))
      .map((a) => [a.customer.id, a.kind, a.on, a.years]);
    expect(ours).toEqual([
      [traded.id, 'FIRST_TRADE', `${year}-12-31`, 2],
      [founded.id, 'FOUNDING', `${year + 1}-01-05`, year + 1 - 2001],
    ]);
    expect(
      errorCodes((await send(server, UpcomingAnniversariesDocument, { days: 10 }, { role: 'partner' })).body),
    ).toEqual(['FORBIDDEN']);
    expect(errorCodes((await send(server, UpcomingAnniversariesDocument, { days: 93 }, as(rep))).body)).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});

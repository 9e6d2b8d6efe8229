import { rolesThatWrite } from '../../src/auth/policy';
import { RoleName, ROLES } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { ChangeHistory } from '../../src/outbox/change-history.entity';
import { type User } from '../../src/users/user.entity';
import {
  AddContactDocument,
  CustomerSurveysDocument,
  LowSatisfactionDocument,
  RecordCorrectiveActionDocument,
  RecordSurveyDocument,
  SurveyDueDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeUser, rowId } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlBody, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';
import { approvedArchive, as } from '../support/workflow';

const DAY = 86_400_000;
const badFields = (body: GqlBody<unknown>) =>
  ((body.errors?.[0].extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);
const plusMonths = (ms: number, months: number) => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
};

/**
 * 满意度调查 (issue 15 section 5, DOMAIN rule 11): customer service records surveys, a low
 * latest survey waits in lowSatisfaction for its corrective action, and surveyDue lists the
 * customers not surveyed within SURVEY_EVERY_MONTHS (configured to 6 here).
 */
describeEachDialect('satisfaction surveys', (dialect) => {
  let server: TestServer;
  let cs: User;
  let rep: User;
  let manager: User;
  let now = Date.now();
  const clock = () => new Date(now);

  beforeAll(async () => {
    server = await startTestServer(dialect, { clock, env: { SURVEY_EVERY_MONTHS: '6' } });
    cs = await makeUser(server.ds, RoleName.CUSTOMER_SERVICE);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    now = Date.now();
  });

  const survey = (customerId: string, scores: [string, number][], over: Record<string, unknown> = {}, user = cs) =>
    send(
      server,
      RecordSurveyDocument,
      { input: { customerId, scores: scores.map(([question, score]) => ({ question, score })), ...over } as never },
      as(user),
    );
  const low = async (threshold = 2) =>
    expectNoErrors(
      (await send(server, LowSatisfactionDocument, { threshold, first: 100 }, as(cs))).body,
    ).lowSatisfaction.edges.map((e) => e.node.id);
  const act = (s: { id: string; version: number }, correctiveAction = '上门回访，更换批次并补偿运费') =>
    send(server, RecordCorrectiveActionDocument, { input: { id: s.id, version: s.version, correctiveAction } }, as(cs));

  it('records a survey by customer service and refuses what the rules do not allow', async () => {
    const c = await approvedArchive(server, rep, manager);
    const contact = expectNoErrors(
      (await send(server, AddContactDocument, { input: { customerId: c.id, name: '王芳' } }, as(rep))).body,
    ).createContact;
    const made = expectNoErrors(
      (
        await survey(
          c.id,
          [
            ['SERVICE_QUALITY', 4],
            ['PRICE', 2],
            ['OVERALL', 3],
          ],
          { contactId: contact.id, comments: '价格偏高' },
        )
      ).body,
    ).recordSurvey;
    expect(made).toMatchObject({
      lowestScore: 2,
      comments: '价格偏高',
      correctiveAction: null,
      recordedBy: { id: gid('User', cs.id) },
      contact: { id: contact.id },
      scores: [
        { question: 'SERVICE_QUALITY', score: 4 },
        { question: 'PRICE', score: 2 },
        { question: 'OVERALL', score: 3 },
      ],
      customer: {
        id: c.id,
        lastSurveyedAt: new Date(now).toISOString(),
        surveyDueAt: new Date(plusMonths(now, 6)).toISOString(),
      },
    });
    const events = await server.ds
      .getRepository(ChangeEvent)
      .find({ where: { customerId: rowId(c.id) }, order: { seq: 'DESC' }, take: 2 });
    expect(events.map((e) => [e.recordType, e.operation])).toEqual([
      ['Customer', 'UPDATED'],
      ['Survey', 'CREATED'],
    ]);
    expect(
      expectNoErrors((await send(server, CustomerSurveysDocument, { id: c.id }, { role: 'analyst' })).body).customer!
        .surveys.totalCount,
    ).toBe(1);

    expect(errorCodes((await survey(c.id, [['OVERALL', 3]], {}, rep)).body)).toEqual(['FORBIDDEN']);
    expect(errorCodes((await survey(c.id, [['OVERALL', 3]], {}, { ...rep, role: 'analyst' } as User)).body)).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      badFields(
        (
          await survey(c.id, [
            ['OVERALL', 3],
            ['OVERALL', 4],
          ])
        ).body,
      ),
    ).toEqual(['scores']);
    expect(errorCodes((await survey(c.id, [['OVERALL', 6]])).body)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes((await survey(c.id, [])).body)).toEqual(['BAD_USER_INPUT']);
    expect(
      badFields((await survey(c.id, [['OVERALL', 3]], { surveyedAt: new Date(now + DAY).toISOString() })).body),
    ).toEqual(['surveyedAt']);
    const stranger = await approvedArchive(server, rep, manager);
    const theirs = expectNoErrors(
      (await send(server, AddContactDocument, { input: { customerId: stranger.id, name: '李强' } }, as(rep))).body,
    ).createContact;
    expect(badFields((await survey(c.id, [['OVERALL', 3]], { contactId: theirs.id })).body)).toEqual(['contactId']);
    const draft = expectNoErrors(
      (
        await server.gql<{ createCustomer: { id: string } }>(
          'mutation { createCustomer(input: { name: "调查草稿有限公司", kind: ENTERPRISE }) { id } }',
          {},
          as(rep),
        )
      ).body,
    ).createCustomer;
    expect(errorCodes((await survey(draft.id, [['OVERALL', 3]])).body)).toEqual(['ARCHIVE_NOT_APPROVED']);
    // Nothing of the refused ones was written.
    expect(
      expectNoErrors((await send(server, CustomerSurveysDocument, { id: c.id }, as(cs))).body).customer!.surveys
        .totalCount,
    ).toBe(1);
  });

  it('lets exactly the roles of the write table record surveys and corrective actions, writing nothing when refused', async () => {
    const c = await approvedArchive(server, rep, manager);
    const count = async () =>
      expectNoErrors((await send(server, CustomerSurveysDocument, { id: c.id }, as(manager))).body).customer!.surveys
        .totalCount;
    for (const role of ROLES) {
      const user = await makeUser(server.ds, role as RoleName);
      const before = await count();
      const made = await survey(c.id, [['OVERALL', 1]], {}, user);
      const may = rolesThatWrite('Survey', 'create').includes(role);
      expect({ role, codes: errorCodes(made.body) }).toEqual({ role, codes: may ? [] : ['FORBIDDEN'] });
      expect(await count()).toBe(before + (may ? 1 : 0));
      if (!may) continue;
      const s = made.body.data!.recordSurvey;
      const acted = await send(
        server,
        RecordCorrectiveActionDocument,
        { input: { id: s.id, version: s.version, correctiveAction: '上门回访处理' } },
        as(user),
      );
      expect({ role, codes: errorCodes(acted.body) }).toEqual({
        role,
        codes: rolesThatWrite('Survey', 'update').includes(role) ? [] : ['FORBIDDEN'],
      });
    }
    for (const role of ROLES.filter((r) => !rolesThatWrite('Survey', 'update').includes(r))) {
      const s = expectNoErrors((await survey(c.id, [['OVERALL', 1]])).body).recordSurvey;
      const user = await makeUser(server.ds, role as RoleName);
      expect({
        role,
        codes: errorCodes(
          (
            await send(
              server,
              RecordCorrectiveActionDocument,
              { input: { id: s.id, version: s.version, correctiveAction: '上门回访处理' } },
              as(user),
            )
          ).body,
        ),
      }).toEqual({ role, codes: ['FORBIDDEN'] });
    }
  });

  it('lists a low latest survey until its corrective action, once per survey; a later survey speaks for the customer', async () => {
    const c = await approvedArchive(server, rep, manager);
    const first = expectNoErrors(
      (
        await survey(c.id, [
          ['DELIVERY', 1],
          ['OVERALL', 3],
        ])
      ).body,
    ).recordSurvey;
    expect(await low()).toContain(first.id);
    expect(await low(1)).toContain(first.id);
    // A threshold below the lowest score does not list it.
    const good = await approvedArchive(server, rep, manager);
    const fine = expectNoErrors((await survey(good.id, [['OVERALL', 4]])).body).recordSurvey;
    expect(await low(3)).not.toContain(fine.id);

    expect(errorCodes((await act(first, '短')).body)).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        (
          await send(
            server,
            RecordCorrectiveActionDocument,
            { input: { id: first.id, version: first.version, correctiveAction: '上门回访处理' } },
            as(rep),
          )
        ).body,
      ),
    ).toEqual(['FORBIDDEN']);
    const acted = expectNoErrors((await act(first)).body).recordCorrectiveAction;
    expect(acted).toMatchObject({
      correctiveAction: '上门回访，更换批次并补偿运费',
      correctiveActionBy: { id: gid('User', cs.id) },
    });
    expect(Date.parse(acted.correctiveActionAt!)).toBe(now);
    expect(await low()).not.toContain(first.id);
    const again = await act(acted, '再次回访确认满意');
    expect(errorCodes(again.body)).toEqual(['CORRECTIVE_ACTION_REFUSED']);
    const [history] = await server.ds
      .getRepository(ChangeHistory)
      .find({ where: { recordType: 'Survey', recordId: rowId(first.id) }, order: { id: 'DESC' }, take: 1 });
    expect(history.note).toBe('纠正预防措施');

    // Low again later: listed again. A survey backdated before it does not replace it.
    now += 30 * DAY;
    const second = expectNoErrors((await survey(c.id, [['OVERALL', 2]])).body).recordSurvey;
    const backdated = expectNoErrors(
      (await survey(c.id, [['OVERALL', 5]], { surveyedAt: new Date(now - 10 * DAY).toISOString() })).body,
    ).recordSurvey;
    expect(await low()).toEqual(expect.arrayContaining([second.id]));
    expect(errorCodes((await act(backdated)).body)).toEqual(['CORRECTIVE_ACTION_REFUSED']);
    // A satisfied customer's newer survey takes it off the list without an action.
    now += DAY;
    expectNoErrors((await survey(c.id, [['OVERALL', 5]])).body);
    expect(await low()).not.toContain(second.id);
  });

  it('lists customers not surveyed within SURVEY_EVERY_MONTHS, counted from approval until the first survey', async () => {
    const c = await approvedArchive(server, rep, manager);
    const due = async () =>
      expectNoErrors(
        (await send(server, SurveyDueDocument, { ownerId: gid('User', rep.id), first: 100 }, as(cs))).body,
      ).surveyDue.edges.map((e) => e.node.id);
    expect(await due()).not.toContain(c.id);
    now = plusMonths(Date.parse(c.approvedAt!), 6) + 1;
    expect(await due()).toContain(c.id);
    expectNoErrors((await survey(c.id, [['OVERALL', 4]])).body);
    expect(await due()).not.toContain(c.id);
    now = plusMonths(now, 6) + 1;
    expect(await due()).toContain(c.id);
  });
});

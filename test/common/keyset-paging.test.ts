import { Webhook, WebhookStopReason } from '../../src/webhooks/webhook.entity';
import { DeliveryOutcome, WebhookDelivery } from '../../src/webhooks/webhook-delivery.entity';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { RoleName } from '../../src/auth/roles';
import { AccessGrant, GrantStatus } from '../../src/grants/access-grant.entity';
import { ReadAudit } from '../../src/audit/read-audit.entity';
import { ExportRecord } from '../../src/export/export-record.entity';
import { ReadKind } from '../../src/auth/read-kind';
import { PartnerKey } from '../../src/partners/partner-key.entity';
import { Handover } from '../../src/handover/handover.entity';
import { ChangeHistory } from '../../src/outbox/change-history.entity';
import { Destruction, DestructionStatus } from '../../src/retention/destruction.entity';
import { CreditOverride } from '../../src/credit/credit-override.entity';
import { CreditLimitRaise } from '../../src/credit/credit-limit-raise.entity';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus, CustomerKind } from '../../src/customers/customer.enums';
import { Contact } from '../../src/contacts/contact.entity';
import { Trade } from '../../src/trades/trade.entity';
import { PaymentMethod, TradeKind } from '../../src/trades/trade.enums';
import { Complaint } from '../../src/complaints/complaint.entity';
import { ComplaintCategory, ComplaintChannel } from '../../src/complaints/complaint.enums';
import { Visit } from '../../src/visits/visit.entity';
import { User } from '../../src/users/user.entity';
import { VisitKind } from '../../src/visits/visit.enums';
import { Survey } from '../../src/care/survey.entity';
import { dayKey } from '../../src/care/day-key';
import { describeEachDialect } from '../support/db';
import { gid, makeUser } from '../support/factories';
import { expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';

/**
 * Keyset paging must return every row exactly once, in every order, forward and backward,
 * although many rows share their sort value: rows inserted by one statement share their
 * created/updated times, updates made through the API in one burst share theirs, and
 * trades, complaints and visits are given a handful of identical times, amounts and names.
 * Every root connection of the schema is paged in every orderBy it offers, and each
 * connection of a Customer and of a User under one parent.
 */
const PAGE = 4;
const SAME_TIMES = [
  new Date('2024-05-01T08:00:00.000Z'),
  new Date('2024-05-01T08:00:00.250Z'),
  new Date('2024-05-02T00:00:00.000Z'),
];
const pick = <T>(list: readonly T[], i: number) => list[i % list.length];
/** Today and the next two days (UTC), for the lists of yearly days ahead: three rows share each. */
const SOON = [0, 1, 2].map((d) => new Date(Date.now() + d * 86_400_000));
const inYear = (day: Date, y: number) => `${y}${day.toISOString().slice(4, 10)}`;

/** Many rows in one INSERT: they share the database's default created_at and updated_at. Returns the table's ids (fresh tables). */
async function insertAll<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  rows: Partial<T>[],
): Promise<number[]> {
  await ds
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows as never)
    .execute();
  const all: { id: number }[] = await ds
    .getRepository(target)
    .createQueryBuilder('r')
    .select('r.id', 'id')
    .orderBy('r.id')
    .getRawMany();
  return all.map((r) => Number(r.id));
}

interface Listing {
  field: string;
  orders: (string | null)[];
  parent?: { type: string; id: string };
  args?: string;
}

describeEachDialect('keyset paging', (dialect) => {
  let server: TestServer;
  let viewer: GqlOptions;
  const parents: Record<string, string> = {};
  let firstWebhook = '';
  const expected = new Map<string, number>();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const { ds } = server;
    const boss = await makeUser(ds, RoleName.GENERAL_MANAGER);
    viewer = { role: ['general_manager', 'archive_admin'], userId: boss.id };
    const customers = await insertAll(
      ds,
      Customer,
      Array.from({ length: 14 }, (_, i) => ({
        archiveNo: `KP${dialect}${String(i).padStart(3, '0')}`,
        name: pick(['同名公司', '甲公司', '乙公司'], i),
        kind: CustomerKind.ENTERPRISE,
        status: ArchiveStatus.ACTIVE,
        abcClass: AbcClass.B,
        ownerId: boss.id,
        tradeTotal: pick(['0.00', '10.50', '99.00'], i),
        // Overdue for a call, a purchase and a survey; founded and first traded on one of the next days of the year.
        // (Approved long ago, so they stay so when a visit update recomputes their dues.)
        followUpDueAt: pick(SAME_TIMES, i),
        nextPurchaseDueAt: pick(SAME_TIMES, i),
        surveyDueAt: pick(SAME_TIMES, i),
        approvedAt: SAME_TIMES[0],
        foundedOn: inYear(pick(SOON, i), 2000),
        foundedKey: dayKey(pick(SOON, i)),
        firstTradeAt: new Date(inYear(pick(SOON, i), 2020)),
        firstTradeKey: dayKey(pick(SOON, i)),
      })),
    );
    const [first, second] = customers;
    parents.Customer = gid('Customer', first);
    parents.User = gid('User', boss.id);
    const owner = (i: number) => (i % 3 === 0 ? second : first);
    const contacts = await insertAll(
      ds,
      Contact,
      Array.from({ length: 15 }, (_, i) => ({
        customerId: owner(i),
        name: pick(['张伟', '李娜'], i),
        birthday: inYear(pick(SOON, i), 1980),
        birthdayKey: dayKey(pick(SOON, i)),
        marketingConsent: true,
        consentPurpose: '节日问候',
        consentAt: SAME_TIMES[0],
      })),
    );
    const trades = await insertAll(
      ds,
      Trade,
      Array.from({ length: 15 }, (_, i) => ({
        tradeNo: `KP${dialect}${i}`,
        customerId: owner(i),
        kind: TradeKind.ORDER,
        occurredAt: pick(SAME_TIMES, i),
        amount: pick(['100.00', '0.10', '2500.00'], i),
        paymentMethod: PaymentMethod.CASH,
      })),
    );
    // Open and past their due time: overdueComplaints lists them all.
    const complaints = await insertAll(
      ds,
      Complaint,
      Array.from({ length: 15 }, (_, i) => ({
        customerId: owner(i),
        receivedAt: pick(SAME_TIMES, i),
        channel: ComplaintChannel.PHONE,
        category: ComplaintCategory.QUALITY,
        content: '质量问题',
        dueAt: pick(SAME_TIMES, i),
      })),
    );
    const visits = await insertAll(
      ds,
      Visit,
      Array.from({ length: 15 }, (_, i) => ({
        // Calls made long ago: the customers stay overdue when a visit update recomputes their cadence.
        customerId: owner(i),
        userId: boss.id,
        kind: VisitKind.PHONE_CALL,
        plannedAt: pick(SAME_TIMES, i),
        occurredAt: pick(SAME_TIMES, i),
        subject: '回访',
      })),
    );
    await insertAll(
      ds,
      AccessGrant,
      Array.from({ length: 9 }, (_, i) => ({
        userId: boss.id,
        archiveNo: `KP${i}`,
        reason: '项目需要查阅',
        endsAt: SAME_TIMES[2],
        status: GrantStatus.REQUESTED,
      })),
    );
    await insertAll(
      ds,
      User,
      Array.from({ length: 9 }, (_, i) => ({ name: `员工${i}`, department: '销售一部', role: RoleName.SALES_REP })),
    );
    await insertAll(
      ds,
      PartnerKey,
      Array.from({ length: 9 }, (_, i) => ({
        name: `伙伴${i}`,
        prefix: `kp${dialect}${i}`,
        secretHash: 'x'.repeat(64),
      })),
    );
    await insertAll(
      ds,
      ReadAudit,
      Array.from({ length: 9 }, () => ({
        subject: 's',
        userId: boss.id,
        roles: 'general_manager',
        customerId: first,
        archiveNo: 'KP',
        kind: ReadKind.CREDIT_FIELDS,
        fields: 'creditLimit',
        requestId: 'r',
      })),
    );
    await insertAll(
      ds,
      ExportRecord,
      Array.from({ length: 9 }, (_, i) => ({
        startedAt: new Date(),
        subject: 's',
        userId: boss.id,
        roles: 'sales_rep',
        recordType: 'customers',
        filter: `{"n":${i}}`,
        format: 'csv',
        rowCount: i,
        complete: true,
        requestId: 'r',
      })),
    );

    // Half of each kind changed through the API in one burst: their updated_at comes from the update path.
    const update = async (mutation: string, type: string, ids: number[]) => {
      for (const id of ids.filter((_, i) => i % 2 === 0)) {
        expectNoErrors(
          (
            await server.gql(
              `mutation($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`,
              {
                input: {
                  id: gid(type, id),
                  version: 1,
                  ...(type === 'Customer'
                    ? { shortName: '改' }
                    : type === 'Contact'
                      ? { title: '经理' }
                      : type === 'Trade'
                        ? { notes: '改' }
                        : type === 'Complaint'
                          ? { measures: '改' }
                          : { summary: '改' }),
                },
              },
              viewer,
            )
          ).body,
        );
      }
    };
    await update('updateCustomer', 'Customer', customers);
    await update('updateContact', 'Contact', contacts);
    await update('updateTrade', 'Trade', trades);
    await update('updateComplaint', 'Complaint', complaints);
    await update('updateVisit', 'Visit', visits);

    // Drafts waiting for a manager (created by nobody here), archives of the viewer untouched for
    // 100 days (stale), and handovers: each with its own list. They come after the burst above.
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    await insertAll(
      ds,
      Customer,
      Array.from({ length: 9 }, (_, i) => ({
        archiveNo: `KPD${dialect}${i}`,
        name: '草稿公司',
        kind: CustomerKind.ENTERPRISE,
        status: ArchiveStatus.PENDING_APPROVAL,
        abcClass: AbcClass.C,
      })),
    );
    await insertAll(
      ds,
      Customer,
      Array.from({ length: 9 }, (_, i) => ({
        archiveNo: `KPS${dialect}${i}`,
        name: '久未核实公司',
        kind: CustomerKind.ENTERPRISE,
        status: ArchiveStatus.ACTIVE,
        abcClass: AbcClass.C,
        ownerId: boss.id,
        createdAt: longAgo,
        updatedAt: longAgo,
      })),
    );
    await insertAll(
      ds,
      Handover,
      Array.from({ length: 9 }, () => ({
        fromUserId: boss.id,
        toUserId: boss.id,
        reason: '员工调离',
        archiveCount: 0,
        visitCount: 0,
        handedOverAt: SAME_TIMES[0],
      })),
    );
    // The first customer's history: its update above, and nine entries sharing one time.
    await insertAll(
      ds,
      ChangeHistory,
      Array.from({ length: 9 }, () => ({
        recordType: 'Customer',
        recordId: first,
        customerId: first,
        operation: 'UPDATED',
        actorSubject: 's',
        occurredAt: SAME_TIMES[0],
        changes: '[]',
      })),
    );
    expected.set('history', await ds.getRepository(ChangeHistory).countBy({ recordType: 'Customer', recordId: first }));
    // Archives ended ten years ago (past any retention) and destruction records.
    await insertAll(
      ds,
      Customer,
      Array.from({ length: 9 }, (_, i) => ({
        archiveNo: `KPE${dialect}${i}`,
        name: '已终止公司',
        kind: CustomerKind.ENTERPRISE,
        status: ArchiveStatus.ENDED,
        abcClass: AbcClass.C,
        endedAt: new Date(Date.now() - 3653 * 86_400_000),
      })),
    );
    await insertAll(
      ds,
      Destruction,
      Array.from({ length: 9 }, (_, i) => ({
        customerId: first,
        archiveNo: `KPX${i}`,
        status: DestructionStatus.PROPOSED,
        reason: '保管期满',
        method: '擦除',
        proposedAt: SAME_TIMES[0],
      })),
    );
    // Credit requests of the first customer, by the viewer.
    await insertAll(
      ds,
      CreditOverride,
      Array.from({ length: 9 }, () => ({
        customerId: first,
        reason: '大额订单',
        requestedById: boss.id,
        amount: '1000.00',
      })),
    );
    await insertAll(
      ds,
      CreditLimitRaise,
      Array.from({ length: 9 }, () => ({
        customerId: first,
        reason: '规模扩大',
        requestedById: boss.id,
        oldLimit: '0.00',
        newLimit: '1000.00',
      })),
    );
    // Low latest surveys of the first customer (the flag as recordSurvey would not leave it, but a list is a list).
    await insertAll(
      ds,
      Survey,
      Array.from({ length: 10 }, (_, i) => ({
        customerId: first,
        surveyedAt: pick(SAME_TIMES, i),
        scoresJson: '[{"question":"OVERALL","score":1}]',
        lowestScore: 1,
        latest: true,
      })),
    );
    // Webhooks (stopped: the dispatcher leaves them alone) and the first one's delivery log.
    const hooks = await insertAll(
      ds,
      Webhook,
      Array.from({ length: 9 }, (_, i) => ({
        partnerKeyId: 1,
        url: `http://127.0.0.1:9/${i}`,
        recordTypes: '',
        secretBox: 'x',
        deliveredSeq: 0,
        nextAttemptAt: SAME_TIMES[0],
        stoppedReason: WebhookStopReason.KEY_REVOKED,
      })),
    );
    firstWebhook = gid('Webhook', hooks[0]);
    await insertAll(
      ds,
      WebhookDelivery,
      Array.from({ length: 9 }, (_, i) => ({
        webhookId: hooks[0],
        seq: i + 1,
        attempt: 1,
        outcome: DeliveryOutcome.DELIVERED,
        httpStatus: 204,
        durationMs: 1,
        attemptedAt: SAME_TIMES[0],
      })),
    );
    expected.set('webhooks', 9);
    expected.set('webhookDeliveries', 9);
    expected.set('lowSatisfaction', 10);
    expected.set('Customer.surveys', 10);
    expected.set('overdueFollowUps', 14);
    expected.set('decliningCustomers', 14);
    expected.set('surveyDue', 14);
    expected.set('upcomingBirthdays', 15);
    expected.set('upcomingAnniversaries', 28);
    expected.set('creditOverrides', 9);
    expected.set('creditLimitRaises', 9);
    // Approved, live archives never reviewed: every ACTIVE one above.
    expected.set('creditReviewsDue', await ds.getRepository(Customer).countBy({ status: ArchiveStatus.ACTIVE }));
    expected.set('overdueComplaints', 15);
    expected.set('dueForDestruction', 9);
    expected.set('destructions', 9);
    expected.set('archivesAwaitingApproval', 9);
    expected.set('staleArchives', 9);
    expected.set('handovers', 9);

    for (const [field, target] of [
      ['customers', Customer],
      ['contacts', Contact],
      ['trades', Trade],
      ['complaints', Complaint],
      ['visits', Visit],
      ['accessGrants', AccessGrant],
      ['myAccessGrants', AccessGrant],
      ['partnerKeys', PartnerKey],
      ['readAudits', ReadAudit],
      ['exportRecords', ExportRecord],
      ['users', User],
    ] as const) {
      expected.set(field, await ds.getRepository(target as EntityTarget<ObjectLiteral>).count());
    }
    for (const [field, target] of [
      ['contacts', Contact],
      ['trades', Trade],
      ['complaints', Complaint],
      ['visits', Visit],
    ] as const) {
      expected.set(
        `Customer.${field}`,
        await ds.getRepository(target as EntityTarget<ObjectLiteral>).countBy({ customerId: first }),
      );
    }
    expected.set('User.customers', await ds.getRepository(Customer).countBy({ ownerId: boss.id }));
  });
  afterAll(() => server.stop());

  /** Arguments a root list cannot go without. */
  const requiredArgs = (): Record<string, string> => ({
    history: `recordId: "${parents.Customer}"`,
    upcomingBirthdays: 'days: 5',
    upcomingAnniversaries: 'days: 5',
    webhookDeliveries: `webhookId: "${firstWebhook}"`,
  });

  /** Connections of a type, read from the live schema, with every value of their orderBy enum (null: the default order). */
  async function connectionsOf(typeName: string): Promise<Listing[]> {
    type Arg = { name: string; type: { name: string | null; ofType: { name: string } | null } };
    const data = expectNoErrors(
      (
        await server.gql<{
          __type: { fields: { name: string; args: Arg[]; type: { ofType: { name: string | null } | null } }[] };
        }>(
          `query($t: String!) { __type(name: $t) { fields { name args { name type { name ofType { name } } } type { ofType { name } } } } }`,
          { t: typeName },
          viewer,
        )
      ).body,
    );
    const listings: Listing[] = [];
    for (const f of data.__type.fields) {
      if (!f.type.ofType?.name?.endsWith('Connection') || !f.args.some((a) => a.name === 'last')) continue;
      const orderArg = f.args.find((a) => a.name === 'orderBy');
      const orders: (string | null)[] = [null];
      if (orderArg) {
        const inputName = orderArg.type.name ?? orderArg.type.ofType!.name;
        const enumName = `${inputName.replace(/Order$/, '')}SortField`;
        const values = expectNoErrors(
          (
            await server.gql<{ __type: { enumValues: { name: string }[] } }>(
              `query($t: String!) { __type(name: $t) { enumValues { name } } }`,
              { t: enumName },
              viewer,
            )
          ).body,
        ).__type.enumValues;
        for (const v of values)
          orders.push(`{ field: ${v.name}, direction: ASC }`, `{ field: ${v.name}, direction: DESC }`);
      }
      listings.push({ field: f.name, orders, args: typeName === 'Query' ? requiredArgs()[f.name] : undefined });
    }
    return listings;
  }

  /** Pages to the end in one direction; fails instead of looping when the cursor never ends. */
  async function pageThrough(l: Listing, order: string | null, backward: boolean, total: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages <= Math.ceil(total / PAGE) + 1; pages++) {
      const args = [
        backward ? `last: ${PAGE}` : `first: ${PAGE}`,
        cursor ? `${backward ? 'before' : 'after'}: "${cursor}"` : '',
        order ? `orderBy: ${order}` : '',
        l.args ?? '',
      ]
        .filter(Boolean)
        .join(', ');
      const selection = `${l.field}(${args}) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`;
      const query = l.parent
        ? `{ node(id: "${l.parent.id}") { ... on ${l.parent.type} { ${selection} } } }`
        : `{ ${selection} }`;
      const data = expectNoErrors((await server.gql<Record<string, unknown>>(query, {}, viewer)).body);
      const conn = (l.parent ? (data.node as Record<string, unknown>)[l.field] : data[l.field]) as {
        edges: { node: { id: string } }[];
        pageInfo: {
          hasNextPage: boolean;
          hasPreviousPage: boolean;
          startCursor: string | null;
          endCursor: string | null;
        };
      };
      const got = conn.edges.map((e) => e.node.id);
      if (backward) ids.unshift(...got);
      else ids.push(...got);
      const more = backward ? conn.pageInfo.hasPreviousPage : conn.pageInfo.hasNextPage;
      if (!more) return ids;
      cursor = backward ? conn.pageInfo.startCursor : conn.pageInfo.endCursor;
    }
    throw new Error(
      `${l.field} ${order ?? '(default order)'} ${backward ? 'backward' : 'forward'}: still more pages after ${ids.length} of ${total} rows`,
    );
  }

  async function expectComplete(l: Listing, key: string): Promise<void> {
    const total = expected.get(key)!;
    expect(total).toBeGreaterThan(PAGE * 2);
    for (const order of l.orders) {
      const forward = await pageThrough(l, order, false, total);
      const backward = await pageThrough(l, order, true, total);
      const label = `${key} ${order ?? '(default order)'}`;
      expect({ label, rows: forward.length, distinct: new Set(forward).size }).toEqual({
        label,
        rows: total,
        distinct: total,
      });
      expect({ label, backward }).toEqual({ label, backward: forward });
    }
  }

  it('stores every time with milliseconds, those of updates included', async () => {
    for (const table of ['customer', 'contact', 'trade', 'complaint', 'visit']) {
      const rows: { c: string | Date; u: string | Date; v: number }[] = await server.ds.query(
        `SELECT created_at AS c, updated_at AS u, version AS v FROM ${table}`,
      );
      // SQLite keeps text, which must have the one form cursors compare with.
      if (dialect === 'sqlite')
        for (const r of rows)
          expect([r.c, r.u]).toEqual([expect.stringMatching(/\.\d{3}$/), expect.stringMatching(/\.\d{3}$/)]);
      // Seven updates in a row all at .000 would mean whole seconds (odds 1 in 10^21 otherwise).
      const updated = rows
        .filter((r) => Number(r.v) > 1)
        .map((r) => new Date(typeof r.u === 'string' ? `${r.u.replace(' ', 'T')}Z` : r.u));
      expect(updated.length).toBeGreaterThanOrEqual(7);
      expect(updated.some((d) => d.getUTCMilliseconds() !== 0)).toBe(true);
    }
  });

  it('pages every root list to the end in every order, each row exactly once, forward and backward', async () => {
    const listings = await connectionsOf('Query');
    expect(listings.map((l) => l.field).sort()).toEqual([...expected.keys()].filter((k) => !k.includes('.')).sort());
    for (const l of listings) await expectComplete(l, l.field);
  });

  it('pages the connections of a customer and of an employee the same way', async () => {
    type Schema = {
      __schema: {
        types: {
          name: string;
          kind: string;
          interfaces: { name: string }[] | null;
          fields: { type: { ofType: { name: string | null } | null } }[] | null;
        }[];
      };
    };
    const { types } = expectNoErrors(
      (
        await server.gql<Schema>(
          '{ __schema { types { name kind interfaces { name } fields { type { ofType { name } } } } } }',
          {},
          viewer,
        )
      ).body,
    ).__schema;
    // Records reachable by node(id); a handover's archives are paged by the same paginate().
    const withConnections = types.filter(
      (t) =>
        t.kind === 'OBJECT' &&
        t.interfaces?.some((i) => i.name === 'Node') &&
        t.fields?.some((f) => f.type.ofType?.name?.endsWith('Connection')),
    );
    expect(withConnections.map((t) => t.name).sort()).toEqual(Object.keys(parents).sort());
    const nested: Listing[] = [];
    for (const type of Object.keys(parents))
      nested.push(...(await connectionsOf(type)).map((l) => ({ ...l, parent: { type, id: parents[type] } })));
    expect(nested.map((l) => `${l.parent!.type}.${l.field}`).sort()).toEqual(
      [...expected.keys()].filter((k) => k.includes('.')).sort(),
    );
    for (const l of nested) await expectComplete(l, `${l.parent!.type}.${l.field}`);
  });
});

import { RoleName } from '../../src/auth/roles';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus, CustomerKind } from '../../src/customers/customer.enums';
import { DecliningCustomersDocument, OverdueFollowUpsDocument, SurveyDueDocument } from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeUser } from '../support/factories';
import { indexOn as indexNamed, planOf as plannedBy } from '../support/plans';
import { CountingLogger } from '../support/query-counter';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

const DAY = 86_400_000;

/**
 * The cadence and decline worklists answer from one index range of (owner, due time), in
 * order, so a page costs the same at a million customers (issue 15 section 3): the plan of
 * the statement each runs uses that index and sorts nothing.
 */
describeEachDialect('worklist query plans', (dialect) => {
  let server: TestServer;
  const sql = new CountingLogger();
  let ownerId: number;

  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: sql });
    const owners: number[] = [];
    for (let i = 0; i < 8; i++) owners.push((await makeUser(server.ds, RoleName.SALES_REP)).id);
    ownerId = owners[0];
    // Many owners' customers with dues spread over two years, a quarter of them overdue.
    const rows = Array.from({ length: 1600 }, (_, i) => {
      const due = new Date(Date.now() + (((i * 37) % 730) - 180) * DAY);
      return {
        archiveNo: `IX${dialect}${i}`,
        name: `索引客户${i}`,
        kind: CustomerKind.ENTERPRISE,
        status: ArchiveStatus.ACTIVE,
        abcClass: AbcClass.C,
        ownerId: owners[i % owners.length],
        followUpDueAt: due,
        nextCallDueAt: due,
        nextVisitDueAt: due,
        nextPurchaseDueAt: due,
        surveyDueAt: due,
      };
    });
    for (let i = 0; i < rows.length; i += 400) await server.ds.getRepository(Customer).insert(rows.slice(i, i + 400));
    if (dialect === 'mysql') await server.ds.query('ANALYZE TABLE customer');
    else await server.ds.query('ANALYZE');
  });
  afterAll(() => server.stop());

  const isPage = (q: string) => /FROM [`"]customer[`"]/.test(q) && /ORDER BY/.test(q);
  const isCount = (q: string) => /SELECT COUNT/i.test(q) && /FROM [`"]customer[`"]/.test(q);

  const planOf = (run: () => Promise<unknown>, which: (sql: string) => boolean = isPage) =>
    plannedBy(server.ds, dialect, sql, run, which, 'c');
  const indexOn = async (columns: string[]) => (await indexNamed(server.ds, dialect, 'customer', columns))!;

  const FOLLOW_UP_INDEX = ['owner_id', 'status', 'follow_up_due_at', 'id', 'abc_class'];
  const PURCHASE_INDEX = ['owner_id', 'status', 'next_purchase_due_at', 'id', 'abc_class'];

  it('pages overdueFollowUps off (owner_id, status, follow_up_due_at, id, abc_class)', async () => {
    const opts = { role: 'sales_manager' as const };
    const plan = await planOf(async () =>
      expectNoErrors(
        (await send(server, OverdueFollowUpsDocument, { ownerId: gid('User', ownerId), first: 20 }, opts)).body,
      ),
    );
    expect(plan).toMatchObject({ index: await indexOn(FOLLOW_UP_INDEX), sorts: false });
  });

  it('pages decliningCustomers off (owner_id, status, next_purchase_due_at, id, abc_class)', async () => {
    const opts = { role: 'sales_manager' as const };
    const plan = await planOf(async () =>
      expectNoErrors(
        (await send(server, DecliningCustomersDocument, { ownerId: gid('User', ownerId), first: 20 }, opts)).body,
      ),
    );
    expect(plan).toMatchObject({ index: await indexOn(PURCHASE_INDEX), sorts: false });
  });

  // At a million customers MariaDB counted a rep's overdue customers by intersecting the owner and
  // status indexes: a million rows read for one totalCount. Counted in the index alone, it reads the range.
  type Opts = { role: 'sales_manager' } | { role: 'sales_rep'; userId: number };
  const askFollowUps = async (opts: Opts) =>
    expectNoErrors(
      (await send(server, OverdueFollowUpsDocument, { ownerId: gid('User', ownerId), first: 20 }, opts)).body,
    );
  const askDeclining = async (opts: Opts) =>
    expectNoErrors(
      (await send(server, DecliningCustomersDocument, { ownerId: gid('User', ownerId), first: 20 }, opts)).body,
    );

  // At a million customers MariaDB counted a rep's overdue customers by intersecting the owner and
  // status indexes: a million rows read for one totalCount. Counted in the index alone, it reads the range.
  it.each([
    ['overdueFollowUps', askFollowUps, FOLLOW_UP_INDEX],
    ['decliningCustomers', askDeclining, PURCHASE_INDEX],
  ] as const)(
    'counts %s in its index alone, for a manager and for a rep under the row scope',
    async (_, ask, columns) => {
      for (const opts of [{ role: 'sales_manager' as const }, { role: 'sales_rep' as const, userId: ownerId }]) {
        const plan = await planOf(() => ask(opts), isCount);
        expect(plan.covering).toBe(true);
        expect(plan.index).toBe(await indexOn([...columns]));
      }
    },
  );

  it('pages surveyDue off (survey_due_at, id)', async () => {
    const plan = await planOf(async () =>
      expectNoErrors((await send(server, SurveyDueDocument, { first: 20 }, { role: 'customer_service' })).body),
    );
    expect(plan).toMatchObject({ index: await indexOn(['survey_due_at', 'id']), sorts: false });
  });
});

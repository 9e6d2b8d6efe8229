import { RoleName } from '../../src/auth/roles';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus, CustomerKind } from '../../src/customers/customer.enums';
import { DecliningCustomersDocument, OverdueFollowUpsDocument, SurveyDueDocument } from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeUser } from '../support/factories';
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

  async function planOf(run: () => Promise<unknown>): Promise<{ index: string; sorts: boolean }> {
    sql.reset();
    await run();
    const at = sql.queries.findIndex((q) => /FROM [`"]customer[`"]/.test(q) && /ORDER BY/.test(q));
    expect(at).toBeGreaterThanOrEqual(0);
    const params = sql.parameters[at];
    if (dialect === 'sqlite') {
      const plan = ((await server.ds.query(`EXPLAIN QUERY PLAN ${sql.queries[at]}`, params)) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
      return { index: /SEARCH \S+ USING INDEX (\S+)/.exec(plan)?.[1] ?? plan, sorts: /TEMP B-TREE/.test(plan) };
    }
    const rows = (await server.ds.query(`EXPLAIN ${sql.queries[at]}`, params)) as {
      table: string;
      key: string | null;
      Extra: string | null;
    }[];
    const row = rows.find((r) => r.table === 'c')!;
    return { index: row.key ?? 'none', sorts: /filesort/i.test(row.Extra ?? '') };
  }

  const indexOn = async (columns: string[]) => {
    const names = (await server.ds.query(
      dialect === 'mysql'
        ? "SELECT index_name AS n, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS c FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'customer' GROUP BY index_name"
        : "SELECT il.name AS n, (SELECT group_concat(name) FROM pragma_index_info(il.name)) AS c FROM pragma_index_list('customer') il",
    )) as { n: string; c: string }[];
    return names.find((r) => r.c === columns.join(','))!.n;
  };

  it('pages overdueFollowUps off (owner_id, follow_up_due_at, id)', async () => {
    const opts = { role: 'sales_manager' as const };
    const plan = await planOf(async () =>
      expectNoErrors(
        (await send(server, OverdueFollowUpsDocument, { ownerId: gid('User', ownerId), first: 20 }, opts)).body,
      ),
    );
    expect(plan).toEqual({ index: await indexOn(['owner_id', 'follow_up_due_at', 'id']), sorts: false });
  });

  it('pages decliningCustomers off (owner_id, next_purchase_due_at, id)', async () => {
    const opts = { role: 'sales_manager' as const };
    const plan = await planOf(async () =>
      expectNoErrors(
        (await send(server, DecliningCustomersDocument, { ownerId: gid('User', ownerId), first: 20 }, opts)).body,
      ),
    );
    expect(plan).toEqual({ index: await indexOn(['owner_id', 'next_purchase_due_at', 'id']), sorts: false });
  });

  it('pages surveyDue off (survey_due_at, id)', async () => {
    const plan = await planOf(async () =>
      expectNoErrors((await send(server, SurveyDueDocument, { first: 20 }, { role: 'customer_service' })).body),
    );
    expect(plan).toEqual({ index: await indexOn(['survey_due_at', 'id']), sorts: false });
  });
});

import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus, CustomerKind, Region } from '../../src/customers/customer.enums';
import { describeEachDialect } from '../support/db';
import { gid } from '../support/factories';
import { indexOn, planOf } from '../support/plans';
import { CountingLogger } from '../support/query-counter';
import { expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';

const FILTERED = `query Filtered($first: Int!, $after: String, $region: [Region!], $abc: [AbcClass!]) {
  customers(first: $first, after: $after, filter: { region: $region, abcClass: $abc }, orderBy: { field: TRADE_TOTAL, direction: DESC }) {
    totalCount edges { cursor node { id tradeTotal } } pageInfo { hasNextPage endCursor }
  }
}`;
const LIST = `query List($first: Int!, $after: String) {
  customers(first: $first, after: $after) { edges { cursor node { id tradeTotal } } pageInfo { hasNextPage endCursor } }
}`;
const STATS = `query Stats($abc: [AbcClass!], $first: Int) {
  customerStats(groupBy: [REGION, INDUSTRY], filter: { abcClass: $abc }, first: $first) {
    totalCount hasMore
    groups { region industry count sum { tradeTotal tradeCount } avg { tradeTotal starRating } }
  }
}`;

const REGIONS = [Region.NORTH, Region.EAST, Region.SOUTH];
const CLASSES = [AbcClass.A, AbcClass.B, AbcClass.C];
const INDUSTRIES = ['机械', '化工', '物流', '电子'];

type Page = {
  totalCount: number;
  edges: { cursor: string; node: { id: string; tradeTotal: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

/**
 * The screens of issue 17 at a million customers: the filtered list (a region's archives of a
 * class by trade total) pages along one index range in order and counts it in the index alone,
 * and customerStats by region and industry reads a narrow index, not the wide rows. The plans
 * are asked of both databases with the statements the API sent; the answers are checked
 * against the rows themselves, per role.
 */
describeEachDialect('indexes of the filtered list and customerStats', (dialect) => {
  let server: TestServer;
  const sql = new CountingLogger();

  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: sql });
    // As in life, classes follow trade totals (A the biggest, C the smallest), which an estimate
    // assuming them spread evenly gets wrong; totals repeat, so the id tie-break is exercised.
    const rows = Array.from({ length: 2400 }, (_, i) => {
      const abc = Math.floor(i / 4) % CLASSES.length;
      return {
        archiveNo: `SX${dialect}${i}`,
        name: `筛选客户${i}`,
        kind: CustomerKind.ENTERPRISE,
        status: ArchiveStatus.ACTIVE,
        region: REGIONS[i % 4 === 0 ? 0 : 1 + (i % 2)],
        abcClass: CLASSES[abc],
        industry: INDUSTRIES[Math.floor(i / 9) % INDUSTRIES.length],
        tradeTotal: `${(2 - abc) * 10000 + ((i * 7919) % 97) * 100}.00`,
        tradeCount: i % 13,
        starRating: 1 + (i % 5),
      };
    });
    for (let i = 0; i < rows.length; i += 300) await server.ds.getRepository(Customer).insert(rows.slice(i, i + 300));
    await server.ds.query(dialect === 'mysql' ? 'ANALYZE TABLE customer' : 'ANALYZE');
  });
  afterAll(() => server.stop());

  const ask = async <T>(query: string, variables: Record<string, unknown>, role: GqlOptions['role']) =>
    expectNoErrors((await server.gql<T>(query, variables, { role })).body);
  const filtered = (role: GqlOptions['role'], region: Region, abc: AbcClass[], first = 20, after?: string | null) =>
    ask<{ customers: Page }>(FILTERED, { first, after, region: [region], abc }, role).then((d) => d.customers);

  const isPage = (q: string) => /FROM [`"]customer[`"]/.test(q) && /ORDER BY/.test(q) && !/GROUP BY/.test(q);
  const isCount = (q: string) => /^SELECT COUNT\(/i.test(q) && /FROM [`"]customer[`"]/.test(q) && !/GROUP BY/.test(q);
  const isStats = (q: string) => /GROUP BY/.test(q) && /FROM [`"]customer[`"]/.test(q);
  const LIST_INDEX = ['region', 'abc_class', 'trade_total', 'id'];
  const STATS_INDEX = ['abc_class', 'region', 'industry', 'trade_total', 'trade_count', 'star_rating'];

  describe('the filtered list by trade total', () => {
    it.each(['general_manager', 'analyst'] as const)(
      'pages one range of (region, abc_class, trade_total, id) without sorting, as %s',
      async (role) => {
        // The smallest region's lowest class: the case MariaDB walked (trade_total, id) for.
        const first = await filtered(role, Region.NORTH, [AbcClass.C], 20);
        const run = () => filtered(role, Region.NORTH, [AbcClass.C], 20, first.pageInfo.endCursor);
        const plan = await planOf(server.ds, dialect, sql, run, isPage, 'c');
        expect(plan).toMatchObject({ index: await indexOn(server.ds, dialect, 'customer', LIST_INDEX), sorts: false });
      },
    );

    it.each(['general_manager', 'analyst'] as const)(
      'reads the default list after a cursor as one range of (created_at, id), without sorting, as %s',
      async (role) => {
        const list = (after?: string | null) =>
          ask<{ customers: Page }>(LIST, { first: 20, after }, role).then((d) => d.customers);
        const first = await list();
        const plan = await planOf(server.ds, dialect, sql, () => list(first.pageInfo.endCursor), isPage, 'c');
        expect(plan).toMatchObject({
          index: await indexOn(server.ds, dialect, 'customer', ['created_at', 'id']),
          sorts: false,
        });
      },
    );

    it.each(['general_manager', 'analyst'] as const)('counts that range in the index alone, as %s', async (role) => {
      const plan = await planOf(
        server.ds,
        dialect,
        sql,
        () => filtered(role, Region.NORTH, [AbcClass.C]),
        isCount,
        'c',
      );
      expect(plan).toMatchObject({ index: await indexOn(server.ds, dialect, 'customer', LIST_INDEX), covering: true });
    });

    /** Every page of the list, walked by its cursors. */
    async function walk(role: GqlOptions['role'], region: Region, abc: AbcClass[]) {
      const pages: Page[] = [await filtered(role, region, abc, 37)];
      while (pages[pages.length - 1].pageInfo.hasNextPage)
        pages.push(await filtered(role, region, abc, 37, pages[pages.length - 1].pageInfo.endCursor));
      return pages;
    }
    const expected = async (region: Region, classes: string[]) =>
      (
        (await server.ds.query(
          `SELECT id, trade_total AS t FROM customer WHERE region = ? AND abc_class IN (${classes.map(() => '?').join(', ')})`,
          [region, ...classes],
        )) as { id: number; t: string }[]
      )
        .map((r) => ({ id: Number(r.id), t: Number(r.t) }))
        .sort((a, b) => b.t - a.t || b.id - a.id)
        .map((r) => gid('Customer', r.id));

    it('answers every page in trade total order, ties by id, with the count of the rows', async () => {
      const pages = await walk('general_manager', Region.EAST, [AbcClass.C]);
      const ids = pages.flatMap((p) => p.edges.map((e) => e.node.id));
      expect(ids).toEqual(await expected(Region.EAST, ['C']));
      expect(pages.every((p) => p.totalCount === ids.length)).toBe(true);
      expect(pages.length).toBeGreaterThan(3);
    });

    it('hides A-class archives from an analyst: asking for class A too changes no page, cursor or count', async () => {
      const withA = await walk('analyst', Region.SOUTH, [AbcClass.A, AbcClass.B]);
      expect(withA).toEqual(await walk('analyst', Region.SOUTH, [AbcClass.B]));
      expect(withA.flatMap((p) => p.edges.map((e) => e.node.id))).toEqual(await expected(Region.SOUTH, ['B']));
      expect((await filtered('analyst', Region.SOUTH, [AbcClass.A])).totalCount).toBe(0);
      expect((await filtered('general_manager', Region.SOUTH, [AbcClass.A])).totalCount).toBeGreaterThan(0);
    });
  });

  describe('customerStats by region and industry', () => {
    type Stats = {
      customerStats: {
        totalCount: number;
        groups: { region: string; industry: string; count: number; sum: { tradeCount: number } }[];
      };
    };

    it.each(['general_manager', 'analyst'] as const)(
      'reads (abc_class, region, industry, trade_total, trade_count, star_rating) alone, as %s',
      async (role) => {
        const plan = await planOf(server.ds, dialect, sql, () => ask(STATS, { abc: [AbcClass.B] }, role), isStats, 'c');
        expect(plan).toMatchObject({
          index: await indexOn(server.ds, dialect, 'customer', STATS_INDEX),
          covering: true,
        });
      },
    );

    it.each(['general_manager', 'analyst'] as const)(
      'answers totalCount from the groups when all are answered, counting the rows only when not, as %s',
      async (role) => {
        const seen = Number(
          (
            await server.ds.query(
              `SELECT COUNT(*) AS n FROM customer WHERE abc_class IN ('B', 'C'${role === 'analyst' ? '' : ", 'A'"})`,
            )
          )[0].n,
        );
        const abc = [AbcClass.A, AbcClass.B, AbcClass.C];
        sql.reset();
        const all = await ask<Stats & { customerStats: { hasMore: boolean } }>(STATS, { abc }, role);
        expect(all.customerStats).toMatchObject({ hasMore: false, totalCount: seen });
        expect(sql.queries.filter(isCount)).toEqual([]);
        sql.reset();
        const some = await ask<Stats & { customerStats: { hasMore: boolean } }>(STATS, { abc, first: 2 }, role);
        expect(some.customerStats).toMatchObject({ hasMore: true, totalCount: seen });
        expect(sql.queries.filter(isCount)).toHaveLength(1);
      },
    );

    it('counts and totals only the archives the caller sees', async () => {
      const rows = (await server.ds.query(
        "SELECT region, industry, abc_class AS abc, trade_count AS n FROM customer WHERE archive_no LIKE 'SX%'",
      )) as { region: string; industry: string; abc: string; n: number }[];
      const totals = (classes: string[]) => {
        const groups = new Map<string, { count: number; tradeCount: number }>();
        for (const r of rows.filter((r) => classes.includes(r.abc))) {
          const g = groups.get(`${r.region}/${r.industry}`) ?? { count: 0, tradeCount: 0 };
          groups.set(`${r.region}/${r.industry}`, { count: g.count + 1, tradeCount: g.tradeCount + Number(r.n) });
        }
        return groups;
      };
      const answered = (s: Stats) =>
        new Map(
          s.customerStats.groups.map((g) => [
            `${g.region}/${g.industry}`,
            { count: g.count, tradeCount: g.sum.tradeCount },
          ]),
        );
      const analyst = await ask<Stats>(STATS, { abc: [AbcClass.A, AbcClass.B] }, 'analyst');
      expect(answered(analyst)).toEqual(totals(['B']));
      expect(analyst.customerStats.totalCount).toBe(rows.filter((r) => r.abc === 'B').length);
      const manager = await ask<Stats>(STATS, { abc: [AbcClass.A, AbcClass.B] }, 'general_manager');
      expect(answered(manager)).toEqual(totals(['A', 'B']));
    });
  });
});

import { RoleName } from '../../src/auth/roles';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass } from '../../src/customers/customer.enums';
import { seedCustomers } from '../../src/demo/seed';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser } from '../support/factories';
import { CountingLogger } from '../support/query-counter';
import { expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';

type Role = NonNullable<GqlOptions['role']>;

const SEARCH = `query Search($q: String!, $first: Int!, $after: String) {
  customers(first: $first, after: $after, filter: { search: $q }) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}`;
const WHERE = `query Where($q: String!, $first: Int!, $after: String) {
  customers(first: $first, after: $after, where: { or: [{ name: { contains: $q } }, { shortName: { startsWith: $q } }] }) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}`;
const WHERE_NAME = `query WhereName($q: String!, $first: Int!) {
  customers(first: $first, where: { name: { contains: $q } }) { totalCount edges { node { id } } }
}`;
const RENAME = `mutation Rename($id: ID!, $version: Int!, $newName: String!) {
  renameCustomer(id: $id, version: $version, newName: $newName, effectiveOn: "2026-03-01", documentRef: "更名通知 2026-9") { id version }
}`;

/** The search as it was before the index (a LIKE over every archive): what the API must still answer. */
const SCAN =
  "SELECT c.id FROM customer c WHERE c.name LIKE ? ESCAPE '!' OR c.short_name LIKE ? ESCAPE '!' OR c.archive_no LIKE ? ESCAPE '!'" +
  " OR EXISTS (SELECT 1 FROM former_name fn WHERE fn.customer_id = c.id AND fn.name LIKE ? ESCAPE '!')";
const like = (q: string) => `%${q.replace(/[!%_]/g, '!$&')}%`;

const NAMES: [name: string, shortName?: string][] = [
  ['北京恒达机械有限公司', '恒达机械'],
  ['上海恒达物流有限公司'],
  ['ABC科技(上海)有限公司', 'Abc'],
  ['百分之100%利润公司'],
  ['下划线_公司'],
  ['感叹号!公司'],
  ['恒'],
  ['Hello World 贸易'],
  ['旧称华信电子公司'],
];
const QUERIES = [
  ...['恒', '达', '司', '_', '%', '!', 'a', 'H', '9'],
  ...['恒达', '公司', 'ab', 'AB', '0%', '_公', '!公', 'o ', '司有'],
  ...[
    '恒达机械',
    'abc科技(上海)',
    'ABC科技',
    '100%利润',
    'hello world 贸易',
    '北京恒达机械有限公司',
    '旧称华信电子公司',
  ],
  ...['华信', '瑞丰', '新称瑞丰化工公司', '没有这个名字', '机械有限公司北京', '恒达机械恒达机械恒达机械恒达机械'],
];

describeEachDialect('searching customers by part of a name (the gram index)', (dialect) => {
  let server: TestServer;
  const sql = new CountingLogger();
  let renamedId: string;

  type Page = {
    totalCount: number;
    edges: { node: { id: string } }[];
    pageInfo?: { hasNextPage: boolean; endCursor: string | null };
  };
  const page = async (query: string, q: string, role: Role = 'general_manager', first = 100, after?: string | null) =>
    expectNoErrors((await server.gql<{ customers: Page }>(query, { q, first, after }, { role })).body).customers;
  /** Every page of a search: the matches and the total it reported. */
  const ids = async (query: string, q: string, role: Role = 'general_manager') => {
    const first = await page(query, q, role);
    const edges = [...first.edges];
    for (let at = first; at.pageInfo?.hasNextPage; edges.push(...at.edges))
      at = await page(query, q, role, 100, at.pageInfo.endCursor);
    return { totalCount: first.totalCount, edges };
  };
  const scanned = async (q: string) =>
    ((await server.ds.query(SCAN, [like(q), like(q), like(q), like(q)])) as { id: number }[])
      .map((r) => gid('Customer', Number(r.id)))
      .sort();

  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: sql });
    // Demo archives (the seed's names and its write path) among the ones made here.
    await seedCustomers(server.ds, 1500);
    for (const [name, shortName] of NAMES) await makeCustomer(server.ds, { name, shortName: shortName ?? null });
    await makeCustomer(server.ds, { name: '绝密恒达集团', abcClass: AbcClass.A });
    const old = await server.ds.getRepository(Customer).findOneByOrFail({ name: '旧称华信电子公司' });
    renamedId = gid('Customer', old.id);
    const manager: GqlOptions = {
      role: 'sales_manager',
      userId: (await makeUser(server.ds, RoleName.SALES_MANAGER)).id,
    };
    expectNoErrors(
      (await server.gql(RENAME, { id: renamedId, version: old.version, newName: '新称瑞丰化工公司' }, manager)).body,
    );
  });
  afterAll(() => server.stop());

  it('finds an archive by its current and its former name after a rename', async () => {
    for (const q of ['旧称华信', '旧称华信电子公司', '新称瑞丰', '新称瑞丰化工公司'])
      expect((await ids(SEARCH, q)).edges.map((e) => e.node.id)).toEqual([renamedId]);
    expect(await scanned('旧称华信')).toEqual([renamedId]);
  });

  it('answers exactly what the LIKE scan answered, for 1, 2 and long queries, Latin case and wildcards', async () => {
    for (const q of QUERIES) {
      const found = await ids(SEARCH, q);
      expect([q, found.edges.map((e) => e.node.id).sort()]).toEqual([q, await scanned(q)]);
      expect([q, found.totalCount]).toEqual([q, found.edges.length]);
    }
  });

  it('still refuses a search of only spaces', async () => {
    const reply = await server.gql(SEARCH, { q: '  ', first: 5 }, { role: 'general_manager' });
    expect(reply.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  /** The LIKE scan's matches in the list's default order (newest first, then id), as the caller sees them. */
  const scannedInOrder = async (q: string, role: Role) => {
    const hidden = role === 'analyst' ? " AND c.abc_class <> 'A'" : '';
    const rows = (await server.ds.query(
      `SELECT c.id FROM customer c WHERE (${SCAN.slice(SCAN.indexOf('WHERE') + 6)})${hidden} ORDER BY c.created_at DESC, c.id DESC`,
      [like(q), like(q), like(q), like(q)],
    )) as { id: number }[];
    return rows.map((r) => gid('Customer', Number(r.id)));
  };
  const ORDERED = `query Ordered($q: String!, $first: Int, $after: String, $last: Int, $before: String) {
    customers(first: $first, after: $after, last: $last, before: $before, filter: { search: $q }) {
      edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  type Ordered = {
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  };

  it.each(['general_manager', 'analyst'] as const)(
    'pages a search newest first by its cursors, forward and back, as %s',
    async (role) => {
      const at = async (vars: Record<string, unknown>) =>
        expectNoErrors((await server.gql<{ customers: Ordered }>(ORDERED, { q: '恒达', ...vars }, { role })).body)
          .customers;
      const pages: Ordered[] = [await at({ first: 7 })];
      while (pages[pages.length - 1].pageInfo.hasNextPage)
        pages.push(await at({ first: 7, after: pages[pages.length - 1].pageInfo.endCursor }));
      const ids = pages.flatMap((p) => p.edges.map((e) => e.node.id));
      expect(ids).toEqual(await scannedInOrder('恒达', role));
      expect(ids.length).toBeGreaterThan(14);
      // Back from the last page: the same edges, cursors included.
      const back = await at({ last: 7, before: pages[pages.length - 1].pageInfo.startCursor });
      expect(back.edges).toEqual(pages[pages.length - 2].edges);
    },
  );

  it('answers only what the caller sees, counts included', async () => {
    const all = await ids(SEARCH, '绝密恒达');
    const analyst = await ids(SEARCH, '绝密恒达', 'analyst');
    expect(all.totalCount).toBe(1);
    expect(analyst).toEqual({ totalCount: 0, edges: [] });
    const hidden = await server.ds.query(
      "SELECT COUNT(*) AS n FROM customer WHERE name LIKE '%恒达%' AND abc_class = 'A'",
    );
    expect(Number(hidden[0].n)).toBeGreaterThan(0);
    const visible = await ids(SEARCH, '恒达', 'analyst');
    expect(visible.totalCount).toBe((await scanned('恒达')).length - Number(hidden[0].n));
    expect(visible.edges.length).toBe(visible.totalCount);
  });

  it('serves where: name contains / shortName startsWith with the same index and answers', async () => {
    for (const q of ['恒达', '恒', 'abc', '%', '司']) {
      const found = await ids(WHERE, q);
      const [names, shorts] = await Promise.all([
        server.ds.query("SELECT id FROM customer WHERE name LIKE ? ESCAPE '!'", [like(q)]),
        server.ds.query("SELECT id FROM customer WHERE short_name LIKE ? ESCAPE '!'", [`${like(q).slice(1)}`]),
      ]);
      const expected = [...new Set([...names, ...shorts].map((r: { id: number }) => gid('Customer', Number(r.id))))];
      expect([q, found.edges.map((e) => e.node.id).sort()]).toEqual([q, expected.sort()]);
    }
  });

  describe('query plans', () => {
    beforeAll(async () => {
      await server.ds.query(
        dialect === 'mysql' ? 'ANALYZE TABLE customer, customer_name_gram, former_name' : 'ANALYZE',
      );
    });

    /** The plan of the page statement the search sent (the one that orders customers). */
    async function planOf(query: string, q: string, after?: string | null): Promise<string> {
      sql.reset();
      await page(query, q, 'general_manager', 20, after);
      const at = sql.queries.findIndex((s) => /customer_name_gram/.test(s) && /ORDER BY/.test(s));
      expect(at).toBeGreaterThanOrEqual(0);
      const params = sql.parameters[at];
      if (dialect === 'sqlite') {
        const rows = (await server.ds.query(`EXPLAIN QUERY PLAN ${sql.queries[at]}`, params)) as { detail: string }[];
        return rows.map((r) => r.detail).join('; ');
      }
      const rows = (await server.ds.query(`EXPLAIN ${sql.queries[at]}`, params)) as Record<string, unknown>[];
      return rows.map((r) => `${String(r.table)}:${String(r.type)}:${String(r.key)}:${String(r.Extra)}`).join('; ');
    }
    const BY_CREATED = 'IDX_79ef333ef2a05ffef4cd2e9ca6';
    /** One probe of the gram table's primary key (gram, created_at, customer_id): an archive's row of one gram. */
    const PROBE = dialect === 'sqlite' ? 'PRIMARY KEY (gram=? AND created_at=? AND customer_id=?)' : 'eq_ref:PRIMARY';

    /**
     * How the plan reads each gram table, in its order: the posting list walked first (a range
     * of the primary key), then the archive's rows of the other grams, which must be probes of
     * the full key (no index starts with customer_id; SQLite built an automatic one instead).
     */
    function gramAccesses(plan: string): string[] {
      if (dialect === 'sqlite')
        return [...plan.matchAll(/SEARCH [np]g\w+ (?:EXISTS )?USING ([^;]*)/g)].map((m) => m[1]);
      return plan
        .split('; ')
        .filter((t) => /^[np]g/.test(t))
        .map((t) => t.split(':').slice(1, 3).join(':'));
    }
    function expectWalkThenProbes(plan: string, grams: number): void {
      const [walk, ...probes] = gramAccesses(plan);
      expect(walk).toMatch(dialect === 'sqlite' ? /^PRIMARY KEY \(gram[=>]/ : /^(ref|range):PRIMARY$/);
      expect(probes).toEqual(Array(grams - 1).fill(PROBE));
      expect(plan).not.toMatch(/AUTOMATIC/);
    }

    /** Archives are reached by id from the gram index's candidates: no plan reads the customer table through. */
    it.each([
      ['search', '恒达机械', SEARCH, 3],
      ['search', '恒达', SEARCH, 1],
      ['search', '恒', SEARCH, 1],
      ['where name contains', '恒达', WHERE_NAME, 1],
      ['where name contains', '恒达机械', WHERE_NAME, 3],
    ])('%s "%s" reads the gram index, not every archive', async (_, q, query, grams) => {
      const plan = await planOf(query, q);
      expectWalkThenProbes(plan, grams);
      if (dialect === 'sqlite') {
        // By its row id, or by (created_at, id) equal to a posting's (the same one row).
        expect(plan).toMatch(/SEARCH c USING (INTEGER PRIMARY KEY|INDEX \w+ \(created_at=\? AND id=\?)/);
        expect(plan).not.toMatch(/SCAN c\b/);
      } else {
        expect(plan).toMatch(/(^|; )c:eq_ref:PRIMARY/);
      }
    });

    /**
     * In the list's default order (newest first), a page walks one posting list of the
     * (gram, created_at, customer_id) index in that order and stops when full: nothing is sorted,
     * so a page reads about the same few postings at ten thousand archives or a million.
     */
    it.each([
      ['恒达机械', 3],
      ['恒达', 1],
      ['有限公司', 3],
    ])('search "%s" walks a posting list in the page order, sorting nothing', async (q, grams) => {
      const first = await page(SEARCH, q, 'general_manager', 20);
      for (const after of [null, first.pageInfo?.endCursor]) {
        const plan = await planOf(SEARCH, q, after);
        if (dialect === 'sqlite') {
          expect(plan).toMatch(/^SEARCH pg\w+ USING PRIMARY KEY \(gram=/);
          expectWalkThenProbes(plan, grams);
          expect(plan).not.toMatch(/TEMP B-TREE/);
        } else {
          // A term in most names may be walked from the archives' own (created_at, id) index instead.
          expect(plan).toMatch(new RegExp(`^(pg\\w+:(ref|range):PRIMARY|c:index:${BY_CREATED}):`));
          const [walk, ...probes] = gramAccesses(plan);
          if (plan.startsWith('pg')) expect(walk).toMatch(/^(ref|range):PRIMARY$/);
          else probes.unshift(walk);
          expect(probes).toEqual(Array(plan.startsWith('pg') ? grams - 1 : grams).fill(PROBE));
          expect(plan).not.toMatch(/filesort|temporary/i);
        }
      }
    });
  });
});

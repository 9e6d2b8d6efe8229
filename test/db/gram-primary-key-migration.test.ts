import { GramPrimaryKey1796431000000 as MysqlGramKey } from '../../migrations/mysql/1796431000000-GramPrimaryKey';
import { GramPrimaryKey1796431000000 as SqliteGramKey } from '../../migrations/sqlite/1796431000000-GramPrimaryKey';
import { pendingSchemaSql } from '../../src/db/schema-diff';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';
import { makeCustomer } from '../support/factories';

/**
 * GramPrimaryKey (issue 19): the search index keeps one B-tree, its primary key the posting
 * order (gram, created_at, customer_id); down brings back (customer_id, gram) and the posting
 * index. Both ways keep every row.
 */
describeEachDialect('GramPrimaryKey migration', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
  });
  afterAll(() => db.drop());

  /** The table's indexes, the primary key named PRIMARY on both, each with its columns in order. */
  async function keys(): Promise<Record<string, string>> {
    const rows = (await db.ds.query(
      dialect === 'mysql'
        ? "SELECT index_name AS n, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS c FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'customer_name_gram' GROUP BY index_name"
        : "SELECT il.name AS n, (SELECT group_concat(name) FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) AS c FROM pragma_index_list('customer_name_gram') il",
    )) as { n: string; c: string }[];
    return Object.fromEntries(rows.map((r) => [/^(PRIMARY|sqlite_autoindex_)/.test(r.n) ? 'PRIMARY' : r.n, r.c]));
  }
  const rows = async () =>
    (
      (await db.ds.query('SELECT customer_id AS id, gram, created_at AS at FROM customer_name_gram')) as {
        id: number;
        gram: string;
        at: unknown;
      }[]
    )
      .map((r) => `${Number(r.id)} ${r.gram} ${String(r.at instanceof Date ? r.at.toISOString() : r.at)}`)
      .sort();

  it('moves the primary key to the posting order and back, every row kept', async () => {
    for (const name of ['北京恒达机械有限公司', 'ABC科技(上海)有限公司', '恒']) await makeCustomer(db.ds, { name });
    const before = await rows();
    expect(before.length).toBeGreaterThan(20);
    expect(await keys()).toEqual({ PRIMARY: 'gram,created_at,customer_id' });

    const migration = dialect === 'mysql' ? new MysqlGramKey() : new SqliteGramKey();
    const runner = db.ds.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await keys()).toEqual({
        PRIMARY: 'customer_id,gram',
        IDX_306605c2ee739356b0f17f26e5: 'gram,created_at,customer_id',
      });
      expect(await rows()).toEqual(before);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await keys()).toEqual({ PRIMARY: 'gram,created_at,customer_id' });
    expect(await rows()).toEqual(before);
    expect((await pendingSchemaSql(db.ds)).up).toEqual([]);
  });
});

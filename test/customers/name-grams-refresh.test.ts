import { Customer } from '../../src/customers/customer.entity';
import { gramsOf, refreshNameGrams, searchedTexts, storedTexts } from '../../src/customers/name-grams';
import { seedCustomers } from '../../src/demo/seed';
import { writeTransaction } from '../../src/db/transaction';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';
import { makeCustomer } from '../support/factories';
import { CountingLogger } from '../support/query-counter';

/**
 * refreshNameGrams without an index by customer (issue 19): an archive's rows are found by the
 * full primary key (gram, created_at, customer_id), from its texts before and after a write.
 */
describeEachDialect('refreshNameGrams', (dialect) => {
  const sql = new CountingLogger();
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(dialect, { logger: sql });
  });
  afterAll(() => db.drop());

  /** Writes `changes` to the archive and refreshes its grams, as a writer does: texts read before, in one transaction. */
  async function change(customer: Customer, changes: Partial<Customer>): Promise<void> {
    await writeTransaction(db.ds, async (em) => {
      const before = (await storedTexts(em, [customer.id])).get(customer.id)!.texts;
      await em.getRepository(Customer).update({ id: customer.id }, changes);
      await refreshNameGrams(em, [{ id: customer.id, before }]);
    });
  }

  /**
   * The index holds the grams of the archive's texts: no stored gram outside them (as JavaScript
   * compares), and each of them has a row the database holds equal to it (MySQL's collation
   * takes é for e, so one row may stand for both).
   */
  async function indexAgrees(id: number): Promise<void> {
    const c = await db.ds.getRepository(Customer).findOneByOrFail({ id });
    const want = gramsOf(searchedTexts(c));
    const stored = (
      (await db.ds.query('SELECT gram, created_at FROM customer_name_gram WHERE customer_id = ?', [id])) as {
        gram: string;
      }[]
    ).map((r) => r.gram);
    expect(stored.filter((g) => !want.includes(g))).toEqual([]);
    for (const gram of want) {
      const rows = await db.ds.query('SELECT gram FROM customer_name_gram WHERE customer_id = ? AND gram = ?', [
        id,
        gram,
      ]);
      expect([gram, rows.length]).toEqual([gram, 1]);
    }
  }

  it('keeps a gram the collation holds equal to another when the one stored is no longer wanted', async () => {
    // Name first: on MySQL the rows of 'Café' are stored, and 'Cafe' finds its grams there (fé = fe, é = e).
    const c = await makeCustomer(db.ds, { name: 'Café', shortName: 'Cafe' });
    await indexAgrees(c.id);
    // 'fé' and 'é' are not wanted any more, 'fe' and 'e' still are: deleted first, then inserted.
    await change(c, { name: 'Bar' });
    await indexAgrees(c.id);
    const grams = (
      (await db.ds.query('SELECT gram FROM customer_name_gram WHERE customer_id = ?', [c.id])) as {
        gram: string;
      }[]
    ).map((r) => r.gram);
    expect(grams).toEqual(expect.arrayContaining(['fe', 'e']));
    expect(grams).not.toContain('fé');
    // And back: the stored 'fe' is wanted again (as 'Cafe' still holds it), 'fé' finds it and is not added twice.
    await change(c, { name: 'Café' });
    await indexAgrees(c.id);
    // Trailing spaces: MySQL's PAD SPACE collation holds '达 ' and '达' as one.
    await change(c, { name: '恒达 ', shortName: '恒达' });
    await indexAgrees(c.id);
    await change(c, { shortName: null });
    await indexAgrees(c.id);
  });

  it('removes the grams of the texts before and adds those of the texts after, archives apart', async () => {
    const [a, b] = [await makeCustomer(db.ds, { name: '北京恒达' }), await makeCustomer(db.ds, { name: '上海恒达' })];
    await change(a, { name: '广州瑞丰', shortName: '瑞丰' });
    await indexAgrees(a.id);
    await indexAgrees(b.id);
    expect(await db.ds.query("SELECT customer_id FROM customer_name_gram WHERE gram = '北京'")).toEqual([]);
  });

  it('reads and deletes by the full primary key, never a scan of the table', async () => {
    const archives = await Promise.all([0, 1, 2].map((i) => makeCustomer(db.ds, { name: `计划测试${i}有限公司` })));
    // Enough archives that reading the table is dearer than a few points of it, as at any real size.
    await seedCustomers(db.ds, 1000);
    await db.ds.query(dialect === 'mysql' ? 'ANALYZE TABLE customer_name_gram' : 'ANALYZE');
    sql.reset();
    await writeTransaction(db.ds, async (em) => {
      const before = await storedTexts(
        em,
        archives.map((c) => c.id),
      );
      for (const c of archives) await em.getRepository(Customer).update({ id: c.id }, { name: `${c.name}改` });
      await refreshNameGrams(
        em,
        archives.map((c) => ({ id: c.id, before: before.get(c.id)!.texts })),
      );
    });
    const statements = sql.queries
      .map((q, i) => ({ q, params: sql.parameters[i] }))
      .filter(({ q }) => /customer_name_gram/.test(q) && /^(SELECT|DELETE)/.test(q));
    expect(statements.map(({ q }) => q.slice(0, 6))).toEqual(['SELECT', 'DELETE']);
    for (const { q, params } of statements) {
      if (dialect === 'sqlite') {
        const plan = ((await db.ds.query(`EXPLAIN QUERY PLAN ${q}`, params)) as { detail: string }[]).map(
          (r) => r.detail,
        );
        const reads = plan.filter((d) => /^(SEARCH|SCAN) /.test(d));
        expect([q, reads]).toEqual([
          q,
          archives.map(() =>
            expect.stringMatching(/ USING PRIMARY KEY \(gram=\? AND created_at=\? AND customer_id=\?\)$/),
          ),
        ]);
      } else {
        // key_len of the whole key, as points of all three columns read it.
        const [point] = (await db.ds.query(
          'EXPLAIN SELECT gram FROM customer_name_gram WHERE gram IN (?, ?) AND created_at = ? AND customer_id = ?',
          ['ab', 'cd', new Date(), 1],
        )) as { key_len: string }[];
        const [plan] = (await db.ds.query(`EXPLAIN ${q}`, params)) as { type: string; key: string; key_len: string }[];
        expect([q, plan.type, plan.key, plan.key_len]).toEqual([q, 'range', 'PRIMARY', point.key_len]);
      }
    }
  });
});

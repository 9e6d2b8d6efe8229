/**
 * On SQLite, whole-number parameters are bound, not written into the SQL (src/db/sqlite-bind.ts):
 * the same lookup for another id is the same statement text, so the driver's prepared
 * statement is reused; the values keep the type a literal had.
 */
import { Customer } from '../../src/customers/customer.entity';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { makeCustomer } from '../support/factories';
import { CountingLogger } from '../support/query-counter';

describe('SQLite parameters', () => {
  const counter = new CountingLogger();
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite', { logger: counter });
  });
  afterAll(() => db.drop());

  const sqlOf = async <T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }> => {
    counter.reset();
    const result = await work();
    return { result, sql: counter.queries };
  };

  it('gives lookups of different ids one statement text, and each its own row', async () => {
    const [a, b] = [
      await makeCustomer(db.ds, { name: '绑定参数甲' }),
      await makeCustomer(db.ds, { name: '绑定参数乙' }),
    ];
    const repo = db.ds.getRepository(Customer);
    const first = await sqlOf(() => repo.findOneBy({ id: a.id }));
    const second = await sqlOf(() => repo.findOneBy({ id: b.id }));
    expect([first.result?.name, second.result?.name]).toEqual(['绑定参数甲', '绑定参数乙']);
    expect(first.sql).toHaveLength(1);
    expect(second.sql).toEqual(first.sql);
    expect(first.sql[0]).toContain('"id" = ?');
  });

  it('keeps an updated version check exact: the right version writes, a stale one does not', async () => {
    const c = await makeCustomer(db.ds, { name: '绑定参数丙' });
    const update = (version: number) =>
      db.ds
        .createQueryBuilder()
        .update(Customer)
        .set({ name: `绑定参数丙-${version}` })
        .where('id = :id AND version = :version', { id: c.id, version })
        .execute();
    const stale = await sqlOf(() => update(c.version - 1));
    const current = await sqlOf(() => update(c.version));
    expect([stale.result.affected, current.result.affected]).toEqual([0, 1]);
    expect(current.sql).toEqual(stale.sql);
    expect((await db.ds.getRepository(Customer).findOneByOrFail({ id: c.id })).name).toBe(`绑定参数丙-${c.version}`);
  });

  it('binds whole numbers as INTEGER, as the literal was, and leaves fractions as REAL', async () => {
    const [sql, params] = db.ds.driver.escapeQueryWithParameters(
      'SELECT typeof(:n) AS n, typeof(:x) AS x, :big + 0 AS big',
      { n: 7, x: 2.5, big: 2 ** 53 - 1 },
    );
    expect(await db.ds.query(sql, params)).toEqual([{ n: 'integer', x: 'real', big: 2 ** 53 - 1 }]);
  });
});

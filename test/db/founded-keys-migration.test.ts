import { FoundedKeysOfImports1796430000000 as MysqlFoundedKeys } from '../../migrations/mysql/1796430000000-FoundedKeysOfImports';
import { FoundedKeysOfImports1796430000000 as SqliteFoundedKeys } from '../../migrations/sqlite/1796430000000-FoundedKeysOfImports';
import { Customer } from '../../src/customers/customer.entity';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';
import { makeCustomer } from '../support/factories';

/**
 * Archives imported before the import kept `founded_key` (the anniversary reminders' key) got
 * it from FoundedKeysOfImports, as dayKey computes it; keys already there are left alone.
 */
describeEachDialect('FoundedKeysOfImports migration', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
  });
  afterAll(() => db.drop());

  it('gives an imported archive its founding day key and leaves the others', async () => {
    const imported = await makeCustomer(db.ds, { foundedOn: '2019-03-05' });
    const yearEnd = await makeCustomer(db.ds, { foundedOn: '2001-12-31' });
    const kept = await makeCustomer(db.ds, { foundedOn: '2010-07-08' });
    const none = await makeCustomer(db.ds);
    // As the import left them: a founding day without its key.
    await db.ds
      .createQueryBuilder()
      .update(Customer)
      .set({ foundedKey: null })
      .whereInIds([imported.id, yearEnd.id])
      .execute();

    const runner = db.ds.createQueryRunner();
    try {
      await new (dialect === 'mysql' ? MysqlFoundedKeys : SqliteFoundedKeys)().up(runner);
    } finally {
      await runner.release();
    }

    const keys = await db.ds
      .getRepository(Customer)
      .find({ where: [imported, yearEnd, kept, none].map((c) => ({ id: c.id })), order: { id: 'ASC' } });
    expect(keys.map((c) => c.foundedKey)).toEqual([305, 1231, 708, null]);
  });
});

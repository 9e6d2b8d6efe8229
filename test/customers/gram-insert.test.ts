/**
 * insertGrams (src/customers/gram-insert.ts): on MySQL a chunk's name-index rows go as one
 * JSON parameter spread by JSON_TABLE, elsewhere as multi-row INSERTs; the rows stored are
 * the same, whatever the characters.
 */
import { CustomerNameGram } from '../../src/customers/name-gram.entity';
import { insertGrams } from '../../src/customers/gram-insert';
import { CountingLogger } from '../support/query-counter';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';

describeEachDialect('insertGrams', (dialect) => {
  let db: TestDatabase;
  const logger = new CountingLogger();
  beforeAll(async () => {
    db = await createTestDatabase(dialect, { logger });
  });
  afterAll(() => db.drop());

  it("stores each archive's grams with its createdAt, and skips a taken one", async () => {
    const archives = [
      { id: 11, createdAt: new Date('2026-05-06T07:08:09.123Z'), grams: ['华信', '信物', '"\\', '😀', "'x", 'ab'] },
      { id: 12, createdAt: new Date('2026-05-06T07:08:09.124Z'), grams: ['司'] },
    ];
    logger.reset();
    await db.ds.transaction(async (em) => {
      await insertGrams(em, archives);
      await insertGrams(em, [{ ...archives[1], grams: ['司', '公司'] }]); // '司' is there: skipped
      // Archives created at one time, sharing grams (sent gram by gram on MySQL).
      const at = new Date('2026-05-06T07:08:10.000Z');
      await insertGrams(em, [
        { id: 13, createdAt: at, grams: ['有限', '公司', '甲'] },
        { id: 14, createdAt: at, grams: ['公司', '有限', '乙'] },
      ]);
    });
    if (dialect === 'mysql') {
      const spread = logger.queries.filter((q) => q.includes('JSON_TABLE'));
      // Two times, each gram row carries its own; one time (the later calls), it is one parameter.
      expect(spread.map((q) => q.includes("created_at DATETIME(3) PATH '$[1]'"))).toEqual([true, false, false]);
    }
    const stored = await db.ds.getRepository(CustomerNameGram).find();
    const rows = stored.map((g) => `${g.customerId} ${g.gram} ${g.createdAt.toISOString()}`).sort();
    expect(rows).toEqual(
      [
        ...archives[0].grams.map((g) => `11 ${g} 2026-05-06T07:08:09.123Z`),
        '12 司 2026-05-06T07:08:09.124Z',
        '12 公司 2026-05-06T07:08:09.124Z',
        ...['有限', '公司', '甲'].map((g) => `13 ${g} 2026-05-06T07:08:10.000Z`),
        ...['公司', '有限', '乙'].map((g) => `14 ${g} 2026-05-06T07:08:10.000Z`),
      ].sort(),
    );
  });
});

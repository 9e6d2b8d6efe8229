/**
 * insertRows (src/db/insert-rows.ts) sends each table's rows in statements of a few fixed row
 * counts: on MySQL every distinct SQL text is a prepared statement that mysql2 and the server
 * keep, so counts that follow the callers' (an import's name grams differ every chunk) would
 * prepare and cache a new statement per call.
 */
import { CustomerNameGram } from '../../src/customers/name-gram.entity';
import { insertRows, statementRows } from '../../src/db/insert-rows';
import { CountingLogger } from '../support/query-counter';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';

describe('statementRows', () => {
  it('takes the largest power of two the rows left and the limit allow', () => {
    expect([1, 2, 3, 255, 256, 257, 5000].map((left) => statementRows(left, 30_000))).toEqual([
      1, 2, 2, 128, 256, 256, 4096,
    ]);
    expect(statementRows(50_000, 20_000)).toBe(16_384);
    expect(statementRows(10, 1.5)).toBe(1);
  });
});

/** A distinct two-character gram per i (CJK characters, distinct under every collation). */
const gram = (i: number) => String.fromCharCode(0x4e00 + Math.floor(i / 64), 0x4e00 + (i % 64));

describeEachDialect('insertRows', (dialect) => {
  let db: TestDatabase;
  const logger = new CountingLogger();
  beforeAll(async () => {
    db = await createTestDatabase(dialect, { logger });
  });
  afterAll(() => db.drop());

  it('writes every row in statements of a bounded set of texts, whatever the counts', async () => {
    const counts = Array.from({ length: 40 }, (_, i) => 1 + i * 37);
    let customerId = 1_000_000;
    const createdAt = new Date('2026-01-02T03:04:05.678Z');
    logger.reset();
    for (const count of counts) {
      customerId++;
      const rows = Array.from({ length: count }, (_, i) => ({ customerId, gram: gram(i), createdAt }));
      await db.ds.transaction((em) => insertRows(em, CustomerNameGram, rows, { ignoreDuplicates: true }));
    }
    const texts = new Set(logger.queries.filter((q) => q.includes('customer_name_gram')));
    // 40 different counts up to 1,444 rows: the powers of two up to 1,024, not a text per count.
    expect(texts.size).toBeLessThanOrEqual(11);
    for (const text of texts) {
      const tuples = text.split('(?, ?, ?)').length - 1;
      expect(Math.log2(tuples) % 1).toBe(0);
    }
    const stored = await db.ds.getRepository(CustomerNameGram).count();
    expect(stored).toBe(counts.reduce((sum, n) => sum + n, 0));
  });
});

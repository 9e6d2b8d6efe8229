/**
 * HeldSequences (customers/archive-number.ts) and HeldEventNumbers (outbox/record-change.ts):
 * an import takes archive and event numbers chunk after chunk in one transaction; after the
 * first take, which locks the row, later takes send no statement, and store() writes the last
 * number once, refusing a row that moved meanwhile.
 */
import { HeldSequences, nextSequence } from '../../src/customers/archive-number';
import { HeldEventNumbers } from '../../src/outbox/record-change';
import { CountingLogger } from '../support/query-counter';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';

describeEachDialect('numbers held by a transaction', (dialect) => {
  let db: TestDatabase;
  const logger = new CountingLogger();
  beforeAll(async () => {
    db = await createTestDatabase(dialect, { logger });
  });
  afterAll(() => db.drop());

  const eventLast = async () =>
    Number(((await db.ds.query('SELECT last FROM change_sequence WHERE id = 1')) as { last: number }[])[0].last);

  it('counts event numbers after the first take without a statement, and stores the last before the commit', async () => {
    const before = await eventLast();
    const numbers = new HeldEventNumbers();
    await db.ds.transaction(async (em) => {
      expect(await numbers.take(em, 3)).toBe(before + 3);
      logger.reset();
      expect(await numbers.take(em, 2)).toBe(before + 5);
      expect(await numbers.take(em, 4)).toBe(before + 9);
      expect(logger.queries).toEqual([]);
      await numbers.store(em);
    });
    expect(await eventLast()).toBe(before + 9);
  });

  it('counts archive numbers per prefix after its first take, and stores them before the commit', async () => {
    const held = new HeldSequences();
    await db.ds.transaction(async (em) => {
      const first = await held.take(
        em,
        new Map([
          ['HD2026', 2],
          ['HB2026', 1],
        ]),
      );
      logger.reset();
      const next = await held.take(em, new Map([['HD2026', 3]]));
      expect(logger.queries).toEqual([]);
      expect(next.get('HD2026')).toBe(first.get('HD2026')! + 2);
      const fresh = await held.take(
        em,
        new Map([
          ['HB2026', 1],
          ['HN2026', 1],
        ]),
      );
      expect(fresh.get('HB2026')).toBe(first.get('HB2026')! + 1);
      await held.store(em);
      // What the next creation of each prefix is handed: right after the numbers taken here.
      expect(await nextSequence(em, 'HD2026')).toBe(first.get('HD2026')! + 5);
      expect(await nextSequence(em, 'HB2026')).toBe(first.get('HB2026')! + 2);
      expect(await nextSequence(em, 'HN2026')).toBe(fresh.get('HN2026')! + 1);
    });
  });

  it('refuses to store numbers over a row that moved after the first take', async () => {
    const numbers = new HeldEventNumbers();
    const held = new HeldSequences();
    await expect(
      db.ds.transaction(async (em) => {
        await numbers.take(em, 1);
        await numbers.take(em, 1);
        await em.query('UPDATE change_sequence SET last = last + 1 WHERE id = 1');
        await numbers.store(em);
      }),
    ).rejects.toThrow('change_sequence moved while this transaction held it');
    await expect(
      db.ds.transaction(async (em) => {
        await held.take(em, new Map([['XB2026', 1]]));
        await held.take(em, new Map([['XB2026', 1]]));
        await nextSequence(em, 'XB2026');
        await held.store(em);
      }),
    ).rejects.toThrow('archive number sequences XB2026 moved while this transaction held them');
  });
});

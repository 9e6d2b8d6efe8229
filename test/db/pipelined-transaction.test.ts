/**
 * writeTransaction's pipelined option (src/db/transaction.ts): an import sends a chunk's
 * writes while the last chunk's are still being stored. When a statement ends MySQL's
 * transaction (a deadlock rolls it back whole; here an explicit ROLLBACK does the same), a
 * write already on its way must not commit on its own, and the connection must go back to
 * the pool as every other caller expects it: with autocommit on.
 */
import type { EntityManager } from 'typeorm';
import { writeTransaction } from '../../src/db/transaction';
import { createTestDatabase, type TestDatabase } from '../support/db';

describe('a pipelined write transaction on MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('mysql');
    await db.ds.query('CREATE TABLE pipelined_note (id INT PRIMARY KEY, label VARCHAR(32) NOT NULL)');
  });
  afterAll(() => db.drop());

  const stored = async () =>
    ((await db.ds.query('SELECT id FROM pipelined_note ORDER BY id')) as { id: number }[]).map((r) => r.id);

  /** A write, the transaction ended under it, a write after that, then the failure reaches the writer. */
  const endedUnderIt = (first: number) => async (em: EntityManager) => {
    await em.query('INSERT INTO pipelined_note VALUES (?, ?)', [first, 'before']);
    await em.query('ROLLBACK');
    await em.query('INSERT INTO pipelined_note VALUES (?, ?)', [first + 1, 'after']);
    throw new Error('the failure is seen');
  };

  it('stores no write that followed the end of the transaction', async () => {
    await expect(writeTransaction(db.ds, endedUnderIt(1), { pipelined: true })).rejects.toThrow('the failure is seen');
    expect(await stored()).toEqual([]);
    // Without the option, the write after the end commits on its own: what the option is for.
    await expect(writeTransaction(db.ds, endedUnderIt(11))).rejects.toThrow('the failure is seen');
    expect(await stored()).toEqual([12]);
    await db.ds.query('DELETE FROM pipelined_note');
  });

  it('commits what it wrote, and returns every connection with autocommit on', async () => {
    await writeTransaction(
      db.ds,
      async (em) => {
        await em.query('INSERT INTO pipelined_note VALUES (?, ?)', [21, 'kept']);
        expect(await em.query('SELECT @@autocommit AS a')).toEqual([{ a: 0 }]);
      },
      { pipelined: true },
    );
    await expect(writeTransaction(db.ds, endedUnderIt(31), { pipelined: true })).rejects.toThrow();
    expect(await stored()).toEqual([21]);
    // Each of the pool's connections at once (each held for a moment, so no two queries share one).
    const answers = (await Promise.all(
      Array.from({ length: 20 }, () => db.ds.query('SELECT @@autocommit AS a, SLEEP(0.05) AS s')),
    )) as { a: number }[][];
    expect(answers.map(([row]) => Number(row.a))).toEqual(Array(20).fill(1));
  });
});

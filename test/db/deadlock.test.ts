import { Customer } from '../../src/customers/customer.entity';
import { DEADLOCK_ATTEMPTS, writeTransaction } from '../../src/db/transaction';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { makeCustomer } from '../support/factories';

/** A promise and the function that resolves it: how two transactions wait for each other's facts. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

/**
 * InnoDB breaks a lock cycle by rolling one transaction back (ER_LOCK_DEADLOCK). Issue 15:
 * writeTransaction runs the victim again from the start, so the caller never sees it.
 */
describe('MySQL deadlocks [mysql]', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('mysql');
  });
  afterAll(() => db.drop());

  it('retries the transaction InnoDB chose as the victim of a lock cycle, and both writes land', async () => {
    const [a, b] = [await makeCustomer(db.ds), await makeCustomer(db.ds)];
    const firstHoldsA = signal();
    const secondHoldsB = signal();
    const attempts = { first: 0, second: 0 };
    const touch = (em: Parameters<Parameters<typeof writeTransaction>[1]>[0], c: Customer, note: string) =>
      em.query("UPDATE customer SET credit_assessment = CONCAT(COALESCE(credit_assessment, ''), ?) WHERE id = ?", [
        note,
        c.id,
      ]);

    // first: A then B; second: B then A. Each takes its first lock, waits for the other's, then asks for the other's row.
    const first = writeTransaction(db.ds, async (em) => {
      attempts.first++;
      await touch(em, a, '1');
      firstHoldsA.fire();
      await secondHoldsB.fired;
      await touch(em, b, '1');
    });
    const second = writeTransaction(db.ds, async (em) => {
      attempts.second++;
      await firstHoldsA.fired;
      await touch(em, b, '2');
      secondHoldsB.fire();
      await touch(em, a, '2');
    });
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    // One of them ran twice; each change was stored once.
    expect(attempts.first + attempts.second).toBe(3);
    const rows = await db.ds.getRepository(Customer).findBy([{ id: a.id }, { id: b.id }]);
    for (const row of rows) expect([...(row.creditAssessment ?? '')].sort().join('')).toBe('12');
  });

  it('answers SERVICE_UNAVAILABLE, nothing stored, when a write keeps being the victim', async () => {
    const c = await makeCustomer(db.ds, { creditAssessment: 'before' });
    let attempts = 0;
    const write = writeTransaction(db.ds, async (em) => {
      attempts++;
      await em.query('UPDATE customer SET credit_assessment = ? WHERE id = ?', ['after', c.id]);
      throw Object.assign(new Error('Deadlock found when trying to get lock'), {
        code: 'ER_LOCK_DEADLOCK',
        errno: 1213,
      });
    });
    await expect(write).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(attempts).toBe(DEADLOCK_ATTEMPTS);
    expect((await db.ds.getRepository(Customer).findOneByOrFail({ id: c.id })).creditAssessment).toBe('before');
  });
});

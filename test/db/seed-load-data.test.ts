import { Complaint } from '../../src/complaints/complaint.entity';
import { Contact } from '../../src/contacts/contact.entity';
import { Customer } from '../../src/customers/customer.entity';
import { Survey } from '../../src/care/survey.entity';
import { Trade } from '../../src/trades/trade.entity';
import { Visit } from '../../src/visits/visit.entity';
import { seedCustomers } from '../../src/demo/seed';
import { CountingLogger } from '../support/query-counter';
import { createTestDatabase } from '../support/db';

/** What differs between two seeds by design: row ids (and ids pointing at contacts), and what the database sets to now. */
const LEFT_OUT = ['id', 'contactId', 'updatedAt'];

describe('the seed on MariaDB (LOAD DATA) and on SQLite (INSERTs)', () => {
  it('writes the same archives with the same files', async () => {
    const sql = new CountingLogger();
    const [mysql, sqlite] = await Promise.all([
      createTestDatabase('mysql', { logger: sql }),
      createTestDatabase('sqlite'),
    ]);
    try {
      await seedCustomers(mysql.ds, 40);
      await seedCustomers(sqlite.ds, 40);
      // The rows went in as LOAD DATA streams, one per table and batch, not as INSERTs.
      expect(sql.queries.filter((q) => /^LOAD DATA/.test(q)).length).toBeGreaterThanOrEqual(6);
      expect(sql.queries.filter((q) => /^INSERT INTO [`"](customer|contact|trade)[`"]/.test(q))).toEqual([]);
      for (const target of [Customer, Contact, Trade, Complaint, Visit, Survey]) {
        // Row ids aside: the INSERT path groups rows by the properties they give, LOAD DATA keeps their order.
        const rows = async (db: typeof mysql) =>
          (await db.ds.getRepository<object>(target).find())
            .map((row) =>
              JSON.stringify(
                Object.entries(row)
                  .filter(([k]) => !LEFT_OUT.includes(k) && !(k === 'createdAt' && target !== Customer))
                  .sort(),
              ),
            )
            .sort();
        const [m, s] = await Promise.all([rows(mysql), rows(sqlite)]);
        expect(m.length).toBeGreaterThan(0);
        expect(m).toEqual(s);
      }
      // The search index of the seeded archives (customers/name-grams.ts), streamed too: same grams per archive number.
      expect(sql.queries.some((q) => /^LOAD DATA .* INTO TABLE `customer_name_gram`/.test(q))).toBe(true);
      const grams = async (db: typeof mysql) =>
        (
          (await db.ds.query(
            'SELECT c.archive_no AS no, g.gram FROM customer_name_gram g JOIN customer c ON c.id = g.customer_id',
          )) as { no: string; gram: string }[]
        )
          .map((r) => `${r.no} ${r.gram}`)
          .sort();
      const [m, s] = await Promise.all([grams(mysql), grams(sqlite)]);
      expect(m.length).toBeGreaterThan(40 * 10);
      expect(m).toEqual(s);
    } finally {
      await Promise.all([mysql.drop(), sqlite.drop()]);
    }
  });
});

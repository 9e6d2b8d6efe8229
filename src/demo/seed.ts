import { type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Complaint } from '../complaints/complaint.entity';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import { CustomerNameGram } from '../customers/name-gram.entity';
import { nameGramRows, searchedTexts } from '../customers/name-grams';
import { Trade } from '../trades/trade.entity';
import { User } from '../users/user.entity';
import { Visit } from '../visits/visit.entity';
import { Survey } from '../care/survey.entity';
import { dialectOf } from '../db/data-source';
import { DEMO_ARCHIVE_PATTERN, type DemoCustomer, demoCustomer, demoUsers } from './demo-data';
import { writeTransaction } from '../db/transaction';
import { loadData } from '../db/load-data';
import { insertRows } from '../db/insert-rows';

export const DEMO_CUSTOMERS = 300;
/** Customers per transaction: bigger on MySQL, where a commit is a round trip and a log flush. */
const CUSTOMERS_PER_BATCH = { mysql: 2000, sqlite: 500 } as const;

/**
 * LOAD DATA on MySQL/MariaDB where the server allows it (load-data.ts), else multi-row
 * INSERTs (db/insert-rows.ts): TypeORM's insert builder, whose per-value bookkeeping was
 * most of the seed's time, is used for neither.
 */
async function bulkInsert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: ObjectLiteral[],
): Promise<void> {
  if (rows.length === 0) return;
  if (dialectOf(em.connection) === 'mysql' && (await loadData(em, target, rows))) return;
  await insertRows(em, target, rows);
}

async function ensureUsers(ds: DataSource): Promise<number[]> {
  const repo = ds.getRepository(User);
  if ((await repo.count()) === 0) await writeTransaction(ds, (em) => bulkInsert(em, User, demoUsers()));
  const reps = await repo.find({
    where: { role: 'sales_rep' as never, active: true },
    order: { id: 'ASC' },
    select: { id: true },
  });
  return reps.map((u) => u.id);
}

/** One transaction per batch: an interrupted run leaves whole customers only, so a rerun resumes cleanly. */
function writeBatch(ds: DataSource, batch: DemoCustomer[]): Promise<void> {
  const dialect = dialectOf(ds);
  return writeTransaction(ds, async (em) => {
    // Rows made here are consistent by construction: InnoDB may skip checking each one's
    // foreign keys and defer unique secondary-index work (session only, reset below).
    if (dialect === 'mysql') await em.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    await bulkInsert(
      em,
      Customer,
      batch.map((b) => b.customer),
    );
    const ids = await em
      .getRepository(Customer)
      .createQueryBuilder('c')
      .select(['c.id', 'c.archiveNo', 'c.createdAt'])
      .where('c.archiveNo IN (:...nos)', { nos: batch.map((b) => b.customer.archiveNo) })
      .getMany();
    const idOf = new Map(ids.map((c) => [c.archiveNo, c.id]));
    const createdOf = new Map(ids.map((c) => [c.id, c.createdAt]));
    // The search index (customers/name-grams.ts) of the new archives: LOAD DATA too, at 1M about 20 rows each.
    await bulkInsert(
      em,
      CustomerNameGram,
      nameGramRows(
        batch.map(({ customer: c }) => {
          const id = idOf.get(c.archiveNo as string)!;
          return { id, createdAt: createdOf.get(id)!, texts: searchedTexts(c) };
        }),
      ),
    );
    const withCustomer = (b: (typeof batch)[number], rows: Record<string, unknown>[]) =>
      rows.map((row) => ({ ...row, customerId: idOf.get(b.customer.archiveNo as string) }));
    await bulkInsert(
      em,
      Contact,
      batch.flatMap((b) => withCustomer(b, b.contacts)),
    );
    await bulkInsert(
      em,
      Trade,
      batch.flatMap((b) => withCustomer(b, b.trades)),
    );
    const contactRows = await em
      .getRepository(Contact)
      .createQueryBuilder('k')
      .select(['k.id', 'k.customerId'])
      .where('k.customerId IN (:...ids)', { ids: [...idOf.values()] })
      .andWhere('k.isPrimary = :p', { p: true })
      .getMany();
    const primary = new Map(contactRows.map((k) => [k.customerId, k.id]));
    const withContact = (rows: Record<string, unknown>[]) =>
      rows.map((row) => ({ ...row, contactId: primary.get(row.customerId as number) ?? null }));
    await bulkInsert(em, Complaint, withContact(batch.flatMap((b) => withCustomer(b, b.complaints))));
    await bulkInsert(em, Visit, withContact(batch.flatMap((b) => withCustomer(b, b.visits))));
    await bulkInsert(em, Survey, withContact(batch.flatMap((b) => withCustomer(b, b.surveys))));
    if (dialect === 'mysql') await em.query('SET SESSION unique_checks = 1, foreign_key_checks = 1');
  });
}

/**
 * Brings the database to `target` demo customers (with contacts, trades, complaints, visits
 * and surveys). Idempotent: demo customers are numbered, and a rerun writes only the missing ones.
 */
export async function seedCustomers(
  ds: DataSource,
  target: number,
  progress: (done: number, total: number) => void = () => {},
): Promise<number> {
  const repIds = await ensureUsers(ds);
  const existing = await ds
    .getRepository(Customer)
    .createQueryBuilder('c')
    .where('c.archiveNo LIKE :p', { p: DEMO_ARCHIVE_PATTERN })
    .getCount();
  let written = 0;
  const dialect = dialectOf(ds);
  const perBatch = CUSTOMERS_PER_BATCH[dialect];
  const batchFrom = (start: number) => {
    const batch: DemoCustomer[] = [];
    for (let i = start, end = Math.min(target, start + perBatch - 1); i <= end; i++)
      batch.push(demoCustomer(i, repIds));
    return batch;
  };
  let batch = existing < target ? batchFrom(existing + 1) : [];
  for (let start = existing + 1; start <= target; start += perBatch) {
    const end = Math.min(target, start + perBatch - 1);
    const pending = writeBatch(ds, batch);
    // The next batch is made while the database stores this one.
    if (end < target) batch = batchFrom(end + 1);
    await pending;
    written += end - start + 1;
    progress(end, target);
  }
  return written;
}

/** First start on the embedded database: fill it with demo data so a newcomer has something to query. */
export async function seedIfEmpty(ds: DataSource, log: (msg: string) => void): Promise<number> {
  if ((await ds.getRepository(Customer).count()) > 0) return 0;
  log(`empty database: writing ${DEMO_CUSTOMERS} demo customers`);
  return seedCustomers(ds, DEMO_CUSTOMERS);
}

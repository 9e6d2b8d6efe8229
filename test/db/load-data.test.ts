/**
 * loadData (src/db/load-data.ts, the seed's way in on MySQL): rows go as one LOAD DATA LOCAL
 * INFILE stream. The server skips a LOCAL row whose key is taken instead of failing, so a
 * short count must fail the write unless skipping is what the caller asked for.
 */
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { ChangeHistory } from '../../src/outbox/change-history.entity';
import { CustomerNameGram } from '../../src/customers/name-gram.entity';
import { insertRows } from '../../src/db/insert-rows';
import { loadData } from '../../src/db/load-data';
import { CountingLogger } from '../support/query-counter';
import { createTestDatabase, type TestDatabase } from '../support/db';

const at = new Date('2026-03-04T05:06:07.089Z');

const history = (i: number, note: string | null) => ({
  recordType: 'Customer',
  recordId: i,
  customerId: i,
  operation: 'UPDATED',
  actorSubject: 'load-data-test',
  actorUserId: null,
  occurredAt: at,
  note,
  changes: JSON.stringify([{ f: 'address', o: null, n: `第${i}号\t"引号"\\反斜杠\n换行` }]),
});

const event = (seq: number) => ({
  seq,
  recordType: 'Customer',
  recordId: seq,
  customerId: seq,
  operation: 'CREATED',
  changedFields: 'name',
  actorSubject: 'load-data-test',
  actorUserId: null,
  occurredAt: at,
  payload: '{}',
});

describe('loadData on MariaDB', () => {
  let db: TestDatabase;
  const logger = new CountingLogger();
  beforeAll(async () => {
    db = await createTestDatabase('mysql', { logger });
  });
  afterAll(() => db.drop());

  it('stores what the INSERTs store: tabs, newlines, backslashes, nulls and milliseconds', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => history(i + 1, i % 3 ? `备注 ${i}` : null));
    logger.reset();
    await db.ds.transaction((em) => loadData(em, ChangeHistory, rows));
    expect(logger.queries.filter((q) => q.startsWith('LOAD DATA'))).toHaveLength(1);
    await db.ds.transaction((em) =>
      insertRows(
        em,
        ChangeHistory,
        rows.map((r) => ({ ...r, recordId: r.recordId + 1000 })),
      ),
    );
    const stored = await db.ds.getRepository(ChangeHistory).find({ order: { id: 'ASC' } });
    const streamed = stored.filter((h) => h.recordId <= 1000);
    const inserted = stored.filter((h) => h.recordId > 1000);
    expect(streamed).toHaveLength(100);
    const comparable = (h: ChangeHistory) => ({ ...h, id: 0, recordId: h.recordId % 1000 });
    expect(streamed.map(comparable)).toEqual(inserted.map(comparable));
    expect(streamed[1].changes).toBe(rows[1].changes);
    expect(streamed[0].occurredAt.toISOString()).toBe(at.toISOString());
    expect(streamed[0].note).toBeNull();
  });

  it('fails, and the transaction stores nothing, when a key is taken', async () => {
    await db.ds.transaction((em) =>
      loadData(
        em,
        ChangeEvent,
        Array.from({ length: 64 }, (_, i) => event(i + 1)),
      ),
    );
    const again = Array.from({ length: 64 }, (_, i) => event(i + 64)); // 64 is taken
    await expect(db.ds.transaction((em) => loadData(em, ChangeEvent, again))).rejects.toThrow(
      /stored 63 of 64 rows into change_event/,
    );
    expect(await db.ds.getRepository(ChangeEvent).count()).toBe(64);
  });

  it('skips taken keys when told to', async () => {
    const grams = (from: number) =>
      Array.from({ length: 64 }, (_, i) => ({
        customerId: 7,
        gram: String.fromCharCode(0x4e00 + from + i),
        createdAt: at,
      }));
    await db.ds.transaction((em) => loadData(em, CustomerNameGram, grams(0), { ignoreDuplicates: true }));
    await db.ds.transaction((em) => loadData(em, CustomerNameGram, grams(32), { ignoreDuplicates: true }));
    expect(await db.ds.getRepository(CustomerNameGram).count({ where: { customerId: 7 } })).toBe(96);
  });
});

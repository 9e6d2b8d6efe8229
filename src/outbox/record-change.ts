import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { dialectOf } from '../db/data-source';
import { reuseSql } from '../common/reuse-sql';
import { ChangeEvent, type ChangeOperationName, ChangeSequence } from './change-event.entity';
import { type FeedRecordType, recordEntity, snapshotJson } from './record-types';
import { historyRows } from './record-history';
import { ChangeHistory } from './change-history.entity';
import { insertRows } from '../db/insert-rows';
import { entitiesOf } from '../common/rows';

export interface Change {
  type: FeedRecordType;
  id: number;
  customerId: number;
  operation: ChangeOperationName;
  /** Property names that really changed (an UPDATED change names at least one); for CREATED, leave out to mean every column. */
  changedFields?: readonly string[];
  /** The record as the writer read it before this change: the old values the history keeps. */
  before?: ObjectLiteral;
  /** Why, when the writer said: kept in the history. */
  note?: string;
  /**
   * The record as the change left it, when the writer has just read it back in this
   * transaction (an import reads its new rows once, for their ids): the event's payload, not
   * read a second time.
   */
  after?: ObjectLiteral;
}

/** An outbox row before it has its number. */
type Unnumbered = Omit<ChangeEvent, 'seq'>;

/**
 * Stores the events of `changes` in the writer's transaction. Call it as the LAST step of
 * the transaction: numbering the events (numberAndStore) takes the change_sequence row
 * lock, which is held until commit, so a writer that takes a seq after us waits for our
 * commit, and seq order equals commit order. A reader that has seen N can never later find
 * a committed N-1 it missed. Everything else (the records as they now stand, the rows)
 * is done before, so the lock is held for one round trip to the database and the COMMIT.
 * A rollback returns the numbers with it. (An import records chunk after chunk and so holds
 * the lock from its first chunk to the commit: it numbers the later ones with HeldEventNumbers.)
 * Resolves to the records as the changes left them, in the order of `changes`.
 */
export async function recordChanges(
  em: EntityManager,
  viewer: Viewer,
  changes: readonly Change[],
): Promise<ObjectLiteral[]> {
  const staged = await stageChanges(em, viewer, changes);
  await staged.store();
  return staged.snapshots;
}

/** Changes whose rows are worked out, to be stored by store() (recordChanges' last step). */
export interface StagedChanges {
  snapshots: ObjectLiteral[];
  /** `numbers`: a transaction that records changes again and again (an import) numbers them with HeldEventNumbers. */
  store(numbers?: HeldEventNumbers): Promise<void>;
}

/**
 * recordChanges in two steps: the events' and the history's rows are worked out first (the
 * snapshots read when not given), and stored by store(). An import works out a chunk's rows
 * while the database is still storing the chunk's name index, then stores them.
 */
export async function stageChanges(
  em: EntityManager,
  viewer: Viewer,
  changes: readonly Change[],
): Promise<StagedChanges> {
  if (!em.queryRunner?.isTransactionActive) throw new Error('recordChanges: call inside the writing transaction');
  if (changes.length === 0) return { snapshots: [], store: async () => undefined };
  // An update that changes nothing is no event (db/versioned-update.ts realChanges).
  if (changes.some((c) => c.operation !== 'CREATED' && !c.changedFields?.length))
    throw new Error('recordChanges: a change must name what it changed');
  const snapshots = await snapshotsOf(em, changes);
  const occurredAt = new Date();
  const events: Unnumbered[] = changes.map((c, i) => ({
    recordType: c.type,
    recordId: c.id,
    customerId: c.customerId,
    operation: c.operation,
    // Empty: every column (a creation), which the reader lists (changes/hydrate.ts).
    changedFields: c.changedFields?.length ? c.changedFields.join(',') : '',
    actorSubject: viewer.subject.slice(0, 200),
    actorUserId: viewer.userId,
    occurredAt,
    payload: snapshotJson(snapshots[i]),
  }));
  const history = historyRows(viewer, changes, snapshots, occurredAt);
  return {
    snapshots,
    async store(numbers) {
      // Before the sequence lock: the history's insert does not lengthen the time it is held.
      if (history.length) await insertRows(em, ChangeHistory, history);
      if (numbers) await insertNumbered(em, events, await numbers.take(em, events.length));
      else await numberAndStore(em, events);
    },
  };
}

/**
 * From this many events on, numbers are taken first and the events inserted as a prepared
 * statement (insertRows): an import's chunk of 200 events written into one text statement
 * spent a tenth of the import's CPU escaping their JSON payloads and measuring the text.
 */
const BATCH_EVENTS = 10;

/**
 * Takes the next `events.length` numbers and stores the events under them: the statements
 * that take the lock, so the last ones of the transaction.
 *
 * MySQL, a few events (every API write): one round trip. `LAST_INSERT_ID(last + n)` keeps
 * the new `last` for this connection, and the INSERT sent in the same packet numbers its
 * rows from it, so the numbers never travel to us and back while the lock is held. (The
 * pool allows several statements per query for this; every statement of the API binds its
 * values.) A batch takes its numbers in one round trip and inserts them in a second: one
 * more round trip under the lock, for writes of many records that hold it longer anyway.
 * SQLite has one writer at a time and no round trips: the number comes back from the UPDATE.
 */
async function numberAndStore(em: EntityManager, events: Unnumbered[]): Promise<void> {
  const n = events.length;
  if (dialectOf(em.connection) === 'mysql' && n < BATCH_EVENTS) {
    const numbered = events.map((e, i) => ({ ...e, seq: () => `LAST_INSERT_ID() - ${n - 1 - i}` }));
    const [insert, parameters] = em
      .createQueryBuilder()
      .insert()
      .into(ChangeEvent)
      .values(numbered as never)
      .getQueryAndParameters();
    await em.query(`UPDATE change_sequence SET last = LAST_INSERT_ID(last + ?) WHERE id = 1; ${insert}`, [
      n,
      ...parameters,
    ]);
    return;
  }
  await insertNumbered(em, events, await takeNumbers(em, n));
}

/** The events under the numbers up to `last`. */
async function insertNumbered(em: EntityManager, events: Unnumbered[], last: number): Promise<void> {
  const n = events.length;
  await insertRows(
    em,
    ChangeEvent,
    events.map((e, i) => ({ ...e, seq: last - n + 1 + i })),
  );
}

/**
 * Event numbers for a transaction that records changes chunk after chunk (an import). Its
 * first take is takeNumbers', which leaves the change_sequence row locked until the
 * transaction ends: no one else takes a number meanwhile, so later takes are counted here
 * without a statement (a round trip the database waited through, between the numbers and
 * the events that need them), and store() writes the last number once, before the commit.
 */
export class HeldEventNumbers {
  private held: { stored: number; last: number } | null = null;

  /** Takes `n` numbers; resolves to the last of them. */
  async take(em: EntityManager, n: number): Promise<number> {
    if (!this.held) {
      const last = await takeNumbers(em, n);
      this.held = { stored: last, last };
    } else this.held.last += n;
    return this.held.last;
  }

  /** Writes the numbers taken since the row was last written: the transaction's last step. */
  async store(em: EntityManager): Promise<void> {
    const held = this.held;
    if (!held || held.last === held.stored) return;
    const { affected } = await em
      .createQueryBuilder()
      .update(ChangeSequence)
      .set({ last: held.last })
      .where('id = 1 AND last = :stored', { stored: held.stored })
      .execute();
    // Only a row moved behind this class's back (by another statement of the transaction)
    // could differ: never hand out numbers twice.
    if (affected !== 1) throw new Error('change_sequence moved while this transaction held it');
    held.stored = held.last;
  }
}

/** Bumps change_sequence by `n` under its row lock; resolves to the new last number. */
async function takeNumbers(em: EntityManager, n: number): Promise<number> {
  if (dialectOf(em.connection) === 'sqlite') {
    const [{ last }] = (await em.query('UPDATE change_sequence SET last = last + ? WHERE id = 1 RETURNING last', [
      n,
    ])) as { last: number }[];
    return Number(last);
  }
  const [, [{ last }]] = (await em.query(
    'UPDATE change_sequence SET last = LAST_INSERT_ID(last + ?) WHERE id = 1; SELECT LAST_INSERT_ID() AS last',
    [n],
  )) as [unknown, { last: number | string }[]];
  return Number(last);
}

/**
 * One change: the common case. Resolves to the record as the change left it, read in the
 * writing transaction: what the mutation answers with, without reading it once more.
 */
export async function recordChange<T extends ObjectLiteral>(
  em: EntityManager,
  viewer: Viewer,
  change: Change,
): Promise<T> {
  const [snapshot] = await recordChanges(em, viewer, [change]);
  return snapshot as T;
}

/** Ids per statement when many changes are recorded at once (an import's chunk). */
const SNAPSHOTS_PER_STATEMENT = 1000;

/**
 * The records as the changes left them, in the order of `changes`. One change (every API
 * write) reads its row by a reused SQL text; many (an import's chunk) read theirs with one
 * statement per record type and thousand ids, not one statement each.
 */
async function snapshotsOf(em: EntityManager, changes: readonly Change[]): Promise<ObjectLiteral[]> {
  const repo = (type: FeedRecordType) => em.getRepository(recordEntity(type));
  if (changes.every((c) => c.after)) return changes.map((c) => c.after!);
  if (changes.length === 1) {
    const [c] = changes;
    return [
      await reuseSql(
        repo(c.type).createQueryBuilder('r').where('r.id = :id', { id: c.id }),
        `${c.type}:r:snapshot`,
      ).getOneOrFail(),
    ];
  }
  const ids = new Map<FeedRecordType, Set<number>>();
  for (const c of changes) if (!c.after) ids.set(c.type, (ids.get(c.type) ?? new Set()).add(c.id));
  const rows = new Map<string, ObjectLiteral>();
  for (const [type, set] of ids) {
    const all = [...set];
    for (let i = 0; i < all.length; i += SNAPSHOTS_PER_STATEMENT) {
      const found = await entitiesOf(
        repo(type)
          .createQueryBuilder('r')
          .where('r.id IN (:...ids)', { ids: all.slice(i, i + SNAPSHOTS_PER_STATEMENT) }),
      );
      for (const row of found) rows.set(`${type}:${row.id}`, row);
    }
  }
  return changes.map((c) => {
    const row = c.after ?? rows.get(`${c.type}:${c.id}`);
    if (!row) throw new Error(`recordChanges: ${c.type} ${c.id} is not there to record`);
    return row;
  });
}

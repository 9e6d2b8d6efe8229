import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { dialectOf } from '../db/data-source';
import { reuseSql } from '../db/reuse-sql';
import { insertRows } from '../db/insert-rows';
import { ChangeEvent, ChangeOperationName } from './change-event.entity';
import { FeedRecordType, RECORD_ENTITIES } from './record-types';
import { recordHistory } from '../history/record-history';

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
}

/**
 * Stores the events of `changes` in the writer's transaction. Call it as the LAST step
 * of the transaction: it takes the change_sequence row lock, which is held until commit,
 * so a writer that takes a seq after us waits for our commit, and seq order equals
 * commit order. A reader that has seen N can never later find a committed N-1 it missed.
 * The cost is that the tails of write transactions take turns (fine at ~100 writes/s);
 * on SQLite writes are serialized already. A rollback returns the numbers with it.
 * Resolves to the records as the changes left them, in the order of `changes`.
 */
export async function recordChanges(em: EntityManager, viewer: Viewer, changes: readonly Change[]): Promise<ObjectLiteral[]> {
  if (!em.queryRunner?.isTransactionActive) throw new Error('recordChanges: call inside the writing transaction');
  if (changes.length === 0) return [];
  // An update that changes nothing is no event (common/versioned-update.ts realChanges).
  if (changes.some((c) => c.operation !== 'CREATED' && !c.changedFields?.length)) throw new Error('recordChanges: a change must name what it changed');
  const snapshots = await snapshotsOf(em, changes);
  const now = new Date();
  // Before the sequence lock: the history's insert does not lengthen the time it is held.
  await recordHistory(em, viewer, changes, snapshots, now);
  await em.query('UPDATE change_sequence SET last = last + ? WHERE id = 1', [changes.length]);
  // FOR UPDATE makes MySQL read the row as just written, not the transaction's snapshot.
  const lock = dialectOf(em.connection) === 'mysql' ? ' FOR UPDATE' : '';
  const [{ last }] = (await em.query(`SELECT last FROM change_sequence WHERE id = 1${lock}`)) as { last: string | number }[];
  const first = Number(last) - changes.length + 1;
  await insertRows(em, ChangeEvent,
    changes.map((c, i) => ({
      seq: first + i,
      recordType: c.type,
      recordId: c.id,
      customerId: c.customerId,
      operation: c.operation,
      changedFields: (c.changedFields?.length ? c.changedFields : columnsOf(em, c.type)).join(','),
      actorSubject: viewer.subject.slice(0, 200),
      actorUserId: viewer.userId,
      occurredAt: now,
      payload: JSON.stringify(snapshots[i]),
    })),
  );
  return snapshots;
}

/**
 * One change: the common case. Resolves to the record as the change left it, read in the
 * writing transaction: what the mutation answers with, without reading it once more.
 */
export async function recordChange<T extends ObjectLiteral>(em: EntityManager, viewer: Viewer, change: Change): Promise<T> {
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
  const repo = (type: FeedRecordType) => em.getRepository(RECORD_ENTITIES[type]);
  if (changes.length === 1) {
    const [c] = changes;
    return [await reuseSql(repo(c.type).createQueryBuilder('r').where('r.id = :id', { id: c.id }), `${c.type}:r:snapshot`).getOneOrFail()];
  }
  const ids = new Map<FeedRecordType, Set<number>>();
  for (const c of changes) ids.set(c.type, (ids.get(c.type) ?? new Set()).add(c.id));
  const rows = new Map<string, ObjectLiteral>();
  for (const [type, set] of ids) {
    const all = [...set];
    for (let i = 0; i < all.length; i += SNAPSHOTS_PER_STATEMENT) {
      const found = await repo(type).createQueryBuilder('r').where('r.id IN (:...ids)', { ids: all.slice(i, i + SNAPSHOTS_PER_STATEMENT) }).getMany();
      for (const row of found) rows.set(`${type}:${row.id}`, row);
    }
  }
  return changes.map((c) => {
    const row = rows.get(`${c.type}:${c.id}`);
    if (!row) throw new Error(`recordChanges: ${c.type} ${c.id} is not there to record`);
    return row;
  });
}

function columnsOf(em: EntityManager, type: FeedRecordType): string[] {
  return em.connection.getMetadata(RECORD_ENTITIES[type]).columns.filter((c) => !c.isVirtualProperty).map((c) => c.propertyName);
}

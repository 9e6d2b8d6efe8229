import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { In } from 'typeorm';
import type { RecordType } from '../auth/policy';
import { ChangeEvent } from '../outbox/change-event.entity';
import { recordEntity, snapshotJson } from '../outbox/record-types';
import { Complaint } from '../complaints/complaint.entity';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import { FormerName } from '../customers/former-name.entity';
import { refreshNameGrams, storedTexts } from '../customers/name-grams';
import { touched } from '../db/timestamps';
import { ChangeHistory, type StoredFieldChange } from '../outbox/change-history.entity';
import { Trade } from '../trades/trade.entity';
import { Visit } from '../visits/visit.entity';
import { Survey } from '../care/survey.entity';

/** What takes the place of erased text in a column that cannot be empty. */
export const ERASED = '已销毁';

/**
 * What destruction keeps of each record, by property: its identity and links, the kinds and
 * states the statistics count by, and the amounts and times of trades (the anonymized trade
 * totals). Every other column is erased: set to null, or to ERASED (or its default) where
 * it cannot be null. Kept as a list of what stays, so a column added later is erased unless
 * someone decides it may stay.
 */
const KEPT: Record<RecordType, readonly string[]> = {
  Customer: [
    'id',
    'createdAt',
    'updatedAt',
    'version',
    'archiveNo',
    'kind',
    'category',
    'status',
    'abcClass',
    'createdById',
    'approvedAt',
    'approvedById',
    'mergedIntoId',
    'tradeCount',
    'tradeTotal',
    'firstTradeAt',
    'lastTradeAt',
    'tradeSeq',
    'creditLimit',
    'creditTermDays',
    'outstandingBalance',
    'endedAt',
  ],
  Contact: ['id', 'createdAt', 'updatedAt', 'version', 'customerId', 'role', 'isPrimary'],
  Trade: [
    'id',
    'createdAt',
    'updatedAt',
    'version',
    'tradeNo',
    'customerId',
    'kind',
    'occurredAt',
    'amount',
    'quantity',
    'paymentMethod',
    'paymentStatus',
    'dueAt',
    'defaulted',
    'handlerId',
  ],
  Complaint: [
    'id',
    'createdAt',
    'updatedAt',
    'version',
    'customerId',
    'contactId',
    'receivedAt',
    'channel',
    'category',
    'severity',
    'status',
    'handlerId',
    'dueAt',
    'resolvedAt',
    'satisfaction',
  ],
  Visit: [
    'id',
    'createdAt',
    'updatedAt',
    'version',
    'customerId',
    'contactId',
    'userId',
    'kind',
    'plannedAt',
    'occurredAt',
    'nextFollowUpAt',
  ],
  // The scores stay for the statistics; comments and the corrective action's text are erased.
  Survey: [
    'id',
    'createdAt',
    'updatedAt',
    'version',
    'customerId',
    'contactId',
    'userId',
    'surveyedAt',
    'scoresJson',
    'lowestScore',
    'latest',
    'correctiveActionAt',
    'correctiveActionById',
  ],
};

/** The erased value of every column of `type` not kept. */
function erasure(em: EntityManager, type: RecordType): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const column of em.connection.getMetadata(recordEntity(type)).columns) {
    const property = column.propertyName;
    if (KEPT[type].includes(property) || column.isVirtual || column.isGenerated) continue;
    if (column.isNullable) values[property] = null;
    else if (column.default !== undefined) values[property] = column.default;
    else values[property] = ERASED;
  }
  return values;
}

/** Counts of records whose data was erased, per type. */
export type Erased = Record<string, number>;

/**
 * Erases an archive's data irreversibly, in the caller's transaction: the archive and its
 * contacts, trades, complaints, visits and surveys (columns not KEPT), its former names, the
 * snapshots the change feed stored of them, and the old and new values of their history.
 */
export async function eraseArchive(em: EntityManager, customerId: number): Promise<Erased> {
  const erased: Erased = {};
  // Read before they are erased: the index rows of these texts are found by them (refreshNameGrams).
  const before = (await storedTexts(em, [customerId])).get(customerId)?.texts ?? [];
  const children: [RecordType, EntityTarget<ObjectLiteral>][] = [
    ['Contact', Contact],
    ['Trade', Trade],
    ['Complaint', Complaint],
    ['Visit', Visit],
    ['Survey', Survey],
  ];
  for (const [type, entity] of children) {
    const result = await em.getRepository(entity).update({ customerId }, touched(em, erasure(em, type)) as never);
    erased[type] = result.affected ?? 0;
  }
  await em
    .getRepository(Customer)
    .update({ id: customerId }, touched(em, { ...erasure(em, 'Customer'), nameKey: '', creditCodeKey: null }) as never);
  erased.Customer = 1;
  erased.FormerName = (await em.getRepository(FormerName).delete({ customerId })).affected ?? 0;
  // The search index keeps nothing of erased names: only the archive number stays findable.
  await refreshNameGrams(em, [{ id: customerId, before }]);
  erased.ChangeEvent = await eraseSnapshots(em, customerId);
  erased.ChangeHistory = await eraseHistory(em, customerId);
  return erased;
}

/** Every stored event of the archive's records now carries the record as it is after erasure. */
async function eraseSnapshots(em: EntityManager, customerId: number): Promise<number> {
  const events = await em
    .getRepository(ChangeEvent)
    .find({ where: { customerId }, select: { seq: true, recordType: true, recordId: true } });
  const byType = new Map<RecordType, Set<number>>();
  for (const e of events)
    byType.set(e.recordType as RecordType, (byType.get(e.recordType as RecordType) ?? new Set()).add(e.recordId));
  for (const [type, ids] of byType) {
    const rows = await em.getRepository(recordEntity(type)).findBy({ id: In([...ids]) });
    for (const row of rows) {
      await em
        .getRepository(ChangeEvent)
        .update({ customerId, recordType: type, recordId: row.id as number }, { payload: snapshotJson(row) });
    }
  }
  return events.length;
}

/** Old and new values of erased fields become null; notes (free text) go. What is kept stays readable. */
async function eraseHistory(em: EntityManager, customerId: number): Promise<number> {
  const rows = await em
    .getRepository(ChangeHistory)
    .find({ where: { customerId }, select: { id: true, recordType: true, changes: true } });
  for (const row of rows) {
    const kept = KEPT[row.recordType as RecordType] ?? [];
    const changes = (JSON.parse(row.changes) as StoredFieldChange[]).map((c) =>
      kept.includes(c.f) ? c : { f: c.f, o: null, n: null },
    );
    await em.getRepository(ChangeHistory).update({ id: row.id }, { changes: JSON.stringify(changes), note: null });
  }
  return rows.length;
}

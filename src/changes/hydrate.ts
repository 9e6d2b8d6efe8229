import type { DataSource } from 'typeorm';
import type { Node } from '../common/base.entity';
import { toGlobalId } from '../common/global-id';
import type { ChangeEvent } from './change-event.entity';
import type { RecordChange, RecordTypeName } from './record-change.types';
import { FeedRecordType, RECORD_ENTITIES } from './record-types';

const DATE_TYPES = new Set(['datetime', 'timestamp', Date]);

/** Opaque cursor of an event: base64url("change:<seq>"). */
export const cursorOf = (seq: number) => Buffer.from(`change:${seq}`, 'utf8').toString('base64url');

/** The seq a cursor names, or null when it is not one of ours. */
export function seqOf(cursor: string): number | null {
  const match = /^change:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

/**
 * The snapshot as an entity instance, so it resolves through the same GraphQL type, shield
 * rules and masking as a queried row. JSON turned its dates into strings: turn them back.
 */
export function hydrate(ds: DataSource, type: FeedRecordType, payload: string): Node {
  const metadata = ds.getMetadata(RECORD_ENTITIES[type]);
  const values = JSON.parse(payload) as Record<string, unknown>;
  for (const column of metadata.columns) {
    const value = values[column.propertyName];
    if (typeof value === 'string' && DATE_TYPES.has(column.type as string)) values[column.propertyName] = new Date(value);
  }
  return ds.getRepository(RECORD_ENTITIES[type]).create(values) as Node;
}

/**
 * Built once per event and shared by every subscriber it goes to (resolvers and the read
 * middleware only read it): with a thousand subscribers, parsing the snapshot per delivery
 * would cost more than everything else an event does.
 */
const built = new WeakMap<ChangeEvent, RecordChange>();

export function toRecordChange(ds: DataSource, e: ChangeEvent): RecordChange {
  let change = built.get(e);
  if (!change) built.set(e, (change = buildRecordChange(ds, e)));
  return change;
}

function buildRecordChange(ds: DataSource, e: ChangeEvent): RecordChange {
  return {
    cursor: cursorOf(e.seq),
    recordType: e.recordType as RecordTypeName,
    recordId: toGlobalId(e.recordType, e.recordId),
    operation: e.operation,
    changedFields: e.changedFields ? e.changedFields.split(',') : [],
    actor: e.actorSubject,
    occurredAt: e.occurredAt,
    record: hydrate(ds, e.recordType as FeedRecordType, e.payload),
  };
}

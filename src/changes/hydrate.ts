import type { DataSource } from 'typeorm';
import { fieldOf } from '../auth/readable-fields';
import type { Node } from '../common/base.entity';
import { openId, sealId, toGlobalId } from '../common/global-id';
import type { ChangeEvent } from '../outbox/change-event.entity';
import type { RecordChange, RecordTypeName } from './record-change.types';
import { type FeedRecordType, recordColumns, recordEntity } from '../outbox/record-types';

const DATE_TYPES = new Set(['datetime', 'timestamp', Date]);

/** Opaque cursor of an event: its seq sealed like an id, so cursors show no gaps in the feed. */
export const cursorOf = (seq: number) => sealId('ChangeCursor', seq);

/** The seq a cursor names, or null when it is not one of ours. */
export function seqOf(cursor: string): number | null {
  const opened = openId(cursor);
  return opened?.kind === 'ChangeCursor' ? opened.n : null;
}

/**
 * The stored property names of an event as API fields (`ownerId` → `owner`), internal columns
 * left out; none stored means every column (record-change.ts).
 */
function apiFields(ds: DataSource, type: FeedRecordType, properties: string): string[] {
  const fields = (properties ? properties.split(',') : recordColumns(ds, type)).map((p) => fieldOf(type, p));
  return [...new Set(fields.filter((f): f is string => f !== null))];
}

/**
 * The snapshot as an entity instance, so it resolves through the same GraphQL type, shield
 * rules and masking as a queried row. JSON turned its dates into strings: turn them back;
 * and the outbox leaves null columns out (snapshotJson): put them back as null.
 */
export function hydrate(ds: DataSource, type: FeedRecordType, payload: string): Node {
  const metadata = ds.getMetadata(recordEntity(type));
  const values = JSON.parse(payload) as Record<string, unknown>;
  for (const column of metadata.columns) {
    if (column.isVirtualProperty) continue;
    const value = values[column.propertyName];
    if (value === undefined) values[column.propertyName] = null;
    else if (typeof value === 'string' && DATE_TYPES.has(column.type as string))
      values[column.propertyName] = new Date(value);
  }
  return ds.getRepository(recordEntity(type)).create(values) as Node;
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
    fields: apiFields(ds, e.recordType as FeedRecordType, e.changedFields),
    actor: e.actorSubject,
    occurredAt: e.occurredAt,
    record: hydrate(ds, e.recordType as FeedRecordType, e.payload),
  };
}

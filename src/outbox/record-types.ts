import type { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import type { RecordType } from '../auth/policy';

/**
 * Credit requests are in the change feed too, but only for roles that read credit fields: that
 * a customer needs more credit than it has is credit data of the archive (change-feed.service.ts).
 */
export const CREDIT_RECORD_TYPES = ['CreditOverride', 'CreditLimitRaise'] as const;

/** What a change event can be about: the records of the write policy, and credit requests. */
export type FeedRecordType = RecordType | (typeof CREDIT_RECORD_TYPES)[number];

/**
 * The entity behind a record type. Each entity class is named as its record type, and
 * TypeORM finds an entity by its name (`ds.getMetadata(name)`, `getRepository(name)`), so
 * the outbox below the features names them without importing them.
 */
export const recordEntity = (type: FeedRecordType): string => type;

const storedColumns = new WeakMap<EntityMetadata, readonly string[]>();

/**
 * The stored properties of a record type: what a snapshot holds, and what "every column"
 * names. Listed once per entity: the feed asks for every creation it delivers.
 */
export function recordColumns(ds: DataSource, type: FeedRecordType): readonly string[] {
  const meta = ds.getMetadata(recordEntity(type));
  let names = storedColumns.get(meta);
  if (!names)
    storedColumns.set(meta, (names = meta.columns.filter((c) => !c.isVirtualProperty).map((c) => c.propertyName)));
  return names;
}

/**
 * A record's snapshot as the outbox stores it (change_event.payload): JSON of its properties
 * but those that are null, which a reader restores (changes/hydrate.ts). An archive has 87
 * columns, most of them empty: written out, the nulls were 60 % of an event's bytes, and the
 * events the largest rows an import writes.
 */
export function snapshotJson(row: ObjectLiteral): string {
  // for…in, not Object.keys: no 87-key array per row (a third of this function's time in an
  // import). One JSON.stringify: a string written piece by piece is a rope of many objects
  // that outlive the young generation while the chunk's events are on their way.
  const kept: ObjectLiteral = {};
  for (const key in row) if (row[key] !== null && row[key] !== undefined) kept[key] = row[key];
  return JSON.stringify(kept);
}

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

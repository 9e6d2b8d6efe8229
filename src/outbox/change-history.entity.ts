import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';

/** One field of one change: its old and new value as stored (dates as ISO text). */
export interface StoredFieldChange {
  /** The entity property (ownerId, not owner): the API name is worked out when read. */
  f: string;
  /** Left out by a creation, which has no old values (read as null). */
  o?: unknown;
  n: unknown;
}

/**
 * 追溯 (DOMAIN rule 7): every change to a record, kept for the archive's life rather than
 * the change feed's days — who, when, why, and the old and new value of each field. Shown
 * only through history(), under the same field rules as the values themselves.
 */
@Entity()
@Index(['recordType', 'recordId', 'id'])
@Index(['customerId', 'id'])
export class ChangeHistory {
  @PrimaryGeneratedColumn() id: number;
  @EnumColumn() recordType: string;
  @Column({ type: 'int' }) recordId: number;
  /** The archive the record belongs to: its scope, and what destruction erases. */
  @Column({ type: 'int' }) customerId: number;
  @EnumColumn() operation: string;
  @TextColumn(200) actorSubject: string;
  @Column({ type: 'int', nullable: true }) actorUserId: number | null;
  @TimeColumn() occurredAt: Date;
  /** Why, when the writer said (an update's note, a rename's document, a merge's reason). */
  @TextColumn(500, { nullable: true }) note: string | null;
  /** JSON array of StoredFieldChange. */
  @Column({ type: 'text' }) changes: string;
}

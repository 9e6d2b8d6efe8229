import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TextColumn, TimeColumn, EnumColumn } from '../db/columns';

/** What happened to a record; stored as the value, exposed as the GraphQL enum ChangeOperation. */
export enum ChangeOperationName {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

/**
 * The transactional outbox: one row per change, written in the same transaction as the
 * change itself, so an event exists exactly when its change committed. `seq` is handed
 * out by change_sequence under a row lock held to commit (see record-change.ts): seq
 * order is commit order, which is what lets a reader resume from a number without gaps.
 */
@Entity()
@Index('ix_change_event_occurred_at', ['occurredAt'])
export class ChangeEvent {
  @PrimaryColumn({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  seq: number;

  /** Customer, Contact, Trade, Complaint, Visit, CreditOverride or CreditLimitRaise (record-types.ts FeedRecordType). */
  @TextColumn(32) recordType: string;
  @Column({ type: 'int' }) recordId: number;
  /** The archive the record belongs to: row scope is decided on it at delivery. */
  @Column({ type: 'int' }) customerId: number;
  @EnumColumn() operation: ChangeOperationName;
  /** Property names, comma-separated; empty for every column (CREATED: older events list them all). */
  @Column({ type: 'text' }) changedFields: string;
  @TextColumn(200) actorSubject: string;
  @Column({ type: 'int', nullable: true }) actorUserId: number | null;
  @TimeColumn() occurredAt: Date;
  /**
   * JSON of the row right after the change, read inside the writing transaction, its null
   * columns left out (record-types.ts snapshotJson).
   */
  @Column({ type: 'text' }) payload: string;
}

/**
 * One row (id 1): the last seq handed out. Bumping it is the last statement of a write
 * transaction, so its row lock serializes only the tails of concurrent writers.
 */
@Entity()
export class ChangeSequence {
  @PrimaryColumn({ type: 'int' }) id: number;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  last: number;
}

import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';

export enum GrantStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  REVOKED = 'REVOKED',
}
registerEnumType(GrantStatus, { name: 'GrantStatus', description: '借阅 request lifecycle' });

/**
 * An access grant (借阅): one user may see one archive it otherwise could not, for a stated
 * reason, until `endsAt`. Requests name the archive number, so asking reveals nothing:
 * a request for a number that does not exist looks exactly like one for a hidden archive.
 */
@ObjectType({ implements: Node, description: 'A request for, or grant of, access to one archive (借阅).' })
@Entity()
@Index(['userId', 'customerId', 'status', 'endsAt'])
@Index(['status', 'createdAt', 'id'])
export class AccessGrant extends BaseRecord {
  @Index() @Column({ type: 'int' }) userId: number;
  @Field({ description: 'The archive number asked for' }) @TextColumn(32) archiveNo: string;
  /** Set when a manager approves: the archive the number names. */
  @Index() @Column({ type: 'int', nullable: true }) customerId: number | null;
  @Field() @TextColumn(500) reason: string;
  @Field({ description: 'Access ends at this time (at most 30 days after the request)' }) @TimeColumn() endsAt: Date;
  @Field(() => GrantStatus) @EnumColumn({ default: GrantStatus.REQUESTED }) status: GrantStatus;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @Field(() => Date, { nullable: true }) @TimeColumn({ nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was rejected or revoked' })
  @TextColumn(500, { nullable: true })
  decisionNote: string | null;
}

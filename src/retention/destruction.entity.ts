import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../common/global-id';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';

export enum DestructionStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(DestructionStatus, {
  name: 'DestructionStatus',
  description:
    'A destruction is proposed by an archive admin and approved (carried out) or rejected by a general manager',
});

/**
 * 销毁记录 (DOMAIN rule 10): what was destroyed, when, how, proposed and approved by whom.
 * It outlives the archive's data and holds none of it: the archive number, counts of what
 * was erased, and the people and times of the decision.
 */
@ObjectType({ description: 'A destruction of an archive (销毁记录): proposal, decision and what was erased.' })
@Entity()
@Index(['customerId', 'id'])
export class Destruction {
  @PrimaryGeneratedColumn() id: number;

  @Field(() => ID, { name: 'id' })
  get globalId(): string {
    return toGlobalId('Destruction', this.id);
  }

  @Column({ type: 'int' }) customerId: number;
  @Field({ description: "The destroyed archive's number (never reused)" }) @TextColumn(32) archiveNo: string;
  @Field(() => DestructionStatus) @EnumColumn() status: DestructionStatus;
  @Field({ description: 'Why (retention ended, relationship ended …)' }) @TextColumn(500) reason: string;
  @Field({ description: 'How the data is destroyed' }) @TextColumn(200) method: string;
  @Column({ type: 'int', nullable: true }) proposedById: number | null;
  @Field() @CreateDateColumn({ type: 'datetime', precision: 3 }) proposedAt: Date;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @Field(() => Date, { nullable: true }) @TimeColumn({ nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why a general manager rejected it' })
  @TextColumn(500, { nullable: true })
  decisionNote: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'What was erased, as counts per kind of record (JSON), once carried out',
  })
  @TextColumn(500, { nullable: true })
  erased: string | null;
}

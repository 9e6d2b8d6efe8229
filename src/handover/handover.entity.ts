import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../common/global-id';
import { TextColumn } from '../db/columns';

/**
 * 员工调离交接 (DOMAIN rule 8): one entry per handover, listing every archive that moved
 * (HandoverItem), so what left one employee's desk for another's can be shown later.
 */
@ObjectType({ description: "A handover of a leaving employee's archives to another employee (员工调离交接)." })
@Entity()
@Index(['fromUserId', 'id'])
export class Handover {
  @PrimaryGeneratedColumn() id: number;

  @Field(() => ID, { name: 'id' })
  get globalId(): string {
    return toGlobalId('Handover', this.id);
  }

  @Column({ type: 'int' }) fromUserId: number;
  @Column({ type: 'int' }) toUserId: number;
  @Column({ type: 'int', nullable: true }) byUserId: number | null;
  @Field({ description: 'Why (调离, 离职, 岗位调整 …)' }) @TextColumn(500) reason: string;
  @Field(() => Int, { description: 'How many archives moved' }) @Column({ type: 'int' }) archiveCount: number;
  @Field(() => Int, { description: 'How many planned visits (open follow-ups) moved with them' })
  @Column({ type: 'int' })
  visitCount: number;
  @Field({ description: 'When it happened' }) @CreateDateColumn({ type: 'datetime', precision: 3 }) handedOverAt: Date;
}

/** One archive of a handover. */
@Entity()
@Index(['handoverId', 'customerId'])
export class HandoverItem {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) handoverId: number;
  @Column({ type: 'int' }) customerId: number;
}

import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TextColumn } from '../db/columns';

/**
 * 更名记录: a name an archive had before a rename, until the day the new one took effect,
 * with the document that proved it (更名通知, 营业执照 …). Kept for the archive's life and
 * searched with the current name, so a customer is found by what people still call it.
 */
@ObjectType({ description: 'A former name of an archive (更名记录).' })
@Entity()
@Index(['customerId', 'id'])
export class FormerName {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) customerId: number;
  @Field({ description: 'The name before the rename' }) @TextColumn(128) name: string;
  @Field({ description: 'Last day of the old name: the new one took effect the day after (YYYY-MM-DD)' })
  @Column({ type: 'date' })
  until: string;
  @Field({ description: 'The supporting document (更名通知, 营业执照 number …)' }) @TextColumn(128) documentRef: string;
  @Column({ type: 'int', nullable: true }) renamedById: number | null;
  @Field({ description: 'When the rename was recorded' })
  @CreateDateColumn({ type: 'datetime', precision: 3 })
  recordedAt: Date;
}

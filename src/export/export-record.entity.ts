import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../common/global-id';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';

/**
 * 输出档案登记: one row per export, written when its last row has been sent: who, when, what
 * (record type, filter, format) and how many rows left. Append-only, like the read audit
 * beside it (which holds the confidential values the export carried).
 */
@ObjectType({ description: 'A recorded export (输出档案登记): who exported which records, when, and how many.' })
@Entity()
@Index(['exportedAt'])
export class ExportRecord {
  @PrimaryGeneratedColumn() id: number;

  @Field(() => ID, { name: 'id' })
  get globalId(): string {
    return toGlobalId('ExportRecord', this.id);
  }

  @Field({ description: 'When the last row was sent' })
  @CreateDateColumn({ type: 'datetime', precision: 3 })
  exportedAt: Date;
  @Field({ description: 'When the export started' }) @TimeColumn() startedAt: Date;
  @Field({ description: 'Token subject of the exporter' }) @TextColumn(128) subject: string;
  @Column({ type: 'int', nullable: true }) userId: number | null;
  @Field({ description: 'Roles the exporter acted with, comma-separated' }) @TextColumn(200) roles: string;
  @Field({ description: 'customers, contacts or trades' }) @EnumColumn() recordType: string;
  @Field({ description: 'The filter as given, JSON' }) @TextColumn(2000) filter: string;
  @Field({ description: 'csv or xlsx' }) @TextColumn(8) format: string;
  @Field(() => Int) @Column({ type: 'int' }) rowCount: number;
  @Field({ description: 'Whether every row was sent (false: the download was cut off)' })
  @Column({ type: 'boolean' })
  complete: boolean;
  @Field() @TextColumn(64) requestId: string;
}

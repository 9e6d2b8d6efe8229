import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../common/global-id';
import { EnumColumn, TextColumn } from '../db/columns';
import { ReadKind } from '../auth/read-kind';

/**
 * 查阅登记: one row per confidential archive read in one request. Append-only: the API has
 * no mutation that changes or deletes it, and only archive_admin may query it.
 * One index only, the one its query uses (one archive's reads, newest first by id). Rows
 * come by the thousand per second from the change feed, and every index whose keys arrive
 * in random order (an archive, a user) dirties pages all over it at each commit: with the
 * user and time indexes that no query used, a row cost three times as much to store.
 */
@ObjectType({ description: 'A recorded read of a confidential archive (查阅登记).' })
@Entity()
@Index(['customerId', 'id'])
export class ReadAudit {
  @PrimaryGeneratedColumn() id: number;

  @Field(() => ID, { name: 'id' })
  get globalId(): string {
    return toGlobalId('ReadAudit', this.id);
  }

  @Field() @CreateDateColumn({ type: 'datetime', precision: 3 }) readAt: Date;
  @Field({ description: 'Token subject of the reader' }) @TextColumn(128) subject: string;
  @Column({ type: 'int', nullable: true }) userId: number | null;
  @Field({ description: 'Roles the reader acted with, comma-separated' }) @TextColumn(200) roles: string;
  @Column({ type: 'int' }) customerId: number;
  @Field({ description: 'Archive number read' }) @TextColumn(32) archiveNo: string;
  @Field(() => ReadKind) @EnumColumn() kind: ReadKind;
  @Field({ description: 'Fields read, comma-separated' }) @TextColumn(500) fields: string;
  @Column({ type: 'int', nullable: true }) grantId: number | null;
  @Field() @TextColumn(64) requestId: string;
}

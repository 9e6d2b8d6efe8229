import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { TextColumn, TimeColumn } from '../db/columns';

/**
 * An API key of a partner app. Only a SHA-256 of the secret is stored; the key itself is
 * shown once, when it is created. A revoked key stops working on the next request.
 */
@ObjectType({ implements: Node, description: 'An API key a partner app authenticates with (role partner).' })
@Entity()
export class PartnerKey extends BaseRecord {
  @Field({ description: 'Who the key is for, e.g. the partner company' }) @TextColumn(100) name: string;
  @Field({ description: 'First characters of the key, to recognise it; not a secret' })
  @Index('uq_partner_key_prefix', { unique: true })
  @TextColumn(16)
  prefix: string;
  @TextColumn(64) secretHash: string;
  @Column({ type: 'int', nullable: true }) createdById: number | null;
  @Field(() => Date, { nullable: true }) @TimeColumn({ nullable: true }) revokedAt: Date | null;
}

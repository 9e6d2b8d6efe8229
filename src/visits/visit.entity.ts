import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';
import { User } from '../users/user.entity';
import { VisitKind } from './visit.enums';
import { ClassAArchiveColumn } from '../auth/row-scope';

const opt = { nullable: true } as const;

/**
 * One touch with a customer (拜访与沟通记录), planned or done: occurredAt is null until
 * it happened. plannedAt is never null, so it can order the customer's timeline.
 */
@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A visit, call, message or greeting to a customer (拜访与沟通记录).',
})
@Entity()
// Each list order, per customer (Customer.visits, one window statement), per employee and
// overall; the per-customer and per-employee ones also serve those foreign keys.
@Index(['customerId', 'plannedAt', 'id'])
@Index(['customerId', 'createdAt', 'id'])
@Index(['customerId', 'updatedAt', 'id'])
@Index(['userId', 'plannedAt', 'id'])
@Index(['plannedAt', 'id'])
@Index(['createdAt', 'id'])
@Index(['updatedAt', 'id'])
export class Visit extends BaseRecord {
  @Column({ type: 'int' }) customerId: number;
  /** Its customer's archive number if that archive is A-class: what the read audit records. Never in the API. */
  @ClassAArchiveColumn() classAArchiveNo: string | null;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'customer_id' }) customerRow?: Customer;

  /** Who was met or called; always a contact of the same customer. */
  @Index() @Column({ type: 'int', nullable: true }) contactId: number | null;
  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'contact_id' }) contactRow?: Contact;

  /** The employee who made (or will make) the touch. */
  @Column({ type: 'int' }) userId: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'user_id' }) userRow?: User;

  @Field(() => VisitKind) @EnumColumn() kind: VisitKind;
  @Field(() => Date, { description: 'When it was scheduled; for an unplanned touch, when it happened' })
  @TimeColumn()
  plannedAt: Date;
  @Field(() => Date, { ...opt, description: 'When it happened; null while still planned' })
  @Index()
  @TimeColumn(opt)
  occurredAt: Date | null;
  @Field({ description: '主题' }) @TextColumn(128) subject: string;
  @Field(() => String, { ...opt, description: '交流内容' }) @TextColumn(2000, opt) summary: string | null;
  @Field(() => String, { ...opt, description: '客户需求' }) @TextColumn(1000, opt) needs: string | null;
  @Field(() => String, { ...opt, description: '结果' }) @TextColumn(1000, opt) outcome: string | null;
  @Field(() => Date, { ...opt, description: 'Next follow-up; overdue ones are listed for each employee' })
  @Index()
  @TimeColumn(opt)
  nextFollowUpAt: Date | null;
}

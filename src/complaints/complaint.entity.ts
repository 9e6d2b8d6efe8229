import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';
import { User } from '../users/user.entity';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, Severity } from './complaint.enums';
import { ClassAArchiveColumn } from '../auth/row-scope';

const opt = { nullable: true } as const;

/** A customer's complaint (投诉) and how it was handled. */
@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'A complaint of a customer (投诉) and its handling.',
})
@Entity()
// Each list order, per customer (Customer.complaints, one window statement) and overall;
// the per-customer ones also serve the customer_id foreign key.
@Index(['customerId', 'receivedAt', 'id'])
@Index(['customerId', 'createdAt', 'id'])
@Index(['customerId', 'updatedAt', 'id'])
@Index(['receivedAt', 'id'])
@Index(['createdAt', 'id'])
@Index(['updatedAt', 'id'])
// overdueComplaints and the escalation job: open ones past their due time, most overdue first.
@Index(['status', 'dueAt', 'id'])
export class Complaint extends BaseRecord {
  @Column({ type: 'int' }) customerId: number;
  /** Its customer's archive number if that archive is A-class: what the read audit records. Never in the API. */
  @ClassAArchiveColumn() classAArchiveNo: string | null;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'customer_id' }) customerRow?: Customer;

  /** Who complained; always a contact of the same customer. */
  @Index() @Column({ type: 'int', nullable: true }) contactId: number | null;
  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'contact_id' }) contactRow?: Contact;

  @Field(() => Date, { description: 'When the complaint came in' }) @TimeColumn() receivedAt: Date;
  @Field(() => ComplaintChannel) @EnumColumn() channel: ComplaintChannel;
  @Field(() => ComplaintCategory) @EnumColumn() category: ComplaintCategory;
  @Field(() => Severity) @EnumColumn({ default: Severity.MEDIUM }) severity: Severity;
  @Field({ description: '投诉内容' }) @TextColumn(2000) content: string;
  @Field(() => ComplaintStatus) @Index() @EnumColumn({ default: ComplaintStatus.OPEN }) status: ComplaintStatus;

  /** The employee handling it (处理人); null while unassigned. */
  @Index() @Column({ type: 'int', nullable: true }) handlerId: number | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'handler_id' }) handlerRow?: User;

  @Field(() => String, { ...opt, description: '处理结果' }) @TextColumn(1000, opt) resolution: string | null;
  @Field(() => String, { ...opt, description: '措施: what changes so it does not happen again' })
  @TextColumn(1000, opt)
  measures: string | null;
  @Field(() => Date, {
    ...opt,
    description:
      'When it must be resolved by: receivedAt (or the reopening) plus the hours of its severity (COMPLAINT_DUE_HOURS), or earlier if given',
  })
  @TimeColumn(opt)
  dueAt: Date | null;
  @Field(() => Date, { ...opt, description: 'Set when the complaint reaches RESOLVED (or CLOSED) unless given' })
  @TimeColumn(opt)
  resolvedAt: Date | null;
  @Field(() => Int, { ...opt, description: "The customer's satisfaction with the handling, 1 (poor) to 5 (excellent)" })
  @Column({ type: 'int', nullable: true })
  satisfaction: number | null;

  @Field(() => Date, {
    ...opt,
    description:
      "When it was escalated to its handler's manager for being overdue (npm run jobs -- escalate-complaints); cleared when reopened",
  })
  @TimeColumn(opt)
  escalatedAt: Date | null;
  @Column({ type: 'int', nullable: true }) escalatedToId: number | null;
}

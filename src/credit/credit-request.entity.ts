import { Field, ObjectType } from 'type-graphql';
import { Column, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord } from '../common/base.entity';
import { Customer } from '../customers/customer.entity';
import { TextColumn, TimeColumn } from '../db/columns';
import { User } from '../users/user.entity';

const opt = { nullable: true } as const;

/**
 * What every credit request has (资信度调整申请, 超出资信度发货申请): a customer, who asked and
 * why, and a general manager's decision. A request is readable by the one who made it and by
 * the roles that read credit fields (credit-requests.ts), never by anyone else.
 */
// customer_id leads each entity's (customerId, createdAt, id) index, which also serves the foreign key.
@ObjectType('CreditRequestBase')
export abstract class CreditRequest extends BaseRecord {
  @Column({ type: 'int' }) customerId: number;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'customer_id' }) customerRow?: Customer;

  @Field({ description: 'Why it is needed (5 to 500 characters)' }) @TextColumn(500) reason: string;

  @Index() @Column({ type: 'int' }) requestedById: number;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'requested_by_id' }) requestedByRow?: User;

  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'decided_by_id' }) decidedByRow?: User;
  @Field(() => Date, { ...opt, description: 'When a general manager approved or rejected it' })
  @TimeColumn(opt)
  decidedAt: Date | null;
  @Field(() => String, { ...opt, description: 'Why it was rejected' }) @TextColumn(500, opt) decisionNote:
    string | null;
}

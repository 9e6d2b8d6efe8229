import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Entity, Index } from 'typeorm';
import { creditNote } from '../auth/fields';
import { Node } from '../common/base.entity';
import { DecimalScalar } from '../common/decimal.scalar';
import { EnumColumn, MoneyColumn } from '../db/columns';
import { CreditRequest } from './credit-request.entity';

export enum CreditRaiseStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(CreditRaiseStatus, {
  name: 'CreditRaiseStatus',
  description: 'REQUESTED → APPROVED (the limit is set) or REJECTED',
});

/**
 * A request to raise a customer's credit limit (seed 003: 要加大欠款额度可提出书面申请,经事业部
 * 总经理批准). Finance lowers a limit directly; raising it takes this request and a general
 * manager's approval, which sets the limit. The record keeps the limit before and after.
 */
@ObjectType({
  implements: Node,
  description: "A request to raise a customer's credit limit, decided by a general manager (加大欠款额度申请).",
})
@Entity()
@Index(['customerId', 'createdAt', 'id'])
@Index(['createdAt', 'id'])
export class CreditLimitRaise extends CreditRequest {
  @Field(() => DecimalScalar, {
    nullable: true,
    description: creditNote('The limit it replaces: as at the request, and as replaced once approved (CNY)'),
  })
  @MoneyColumn()
  oldLimit: string;
  @Field(() => DecimalScalar, { description: 'The limit asked for (CNY)' }) @MoneyColumn() newLimit: string;
  @Field(() => CreditRaiseStatus)
  @Index()
  @EnumColumn({ default: CreditRaiseStatus.REQUESTED })
  status: CreditRaiseStatus;
}

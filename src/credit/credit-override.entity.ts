import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Node } from '../common/base.entity';
import { DecimalScalar } from '../common/decimal.scalar';
import { EnumColumn, MoneyColumn, TimeColumn } from '../db/columns';
import { CreditRequest } from './credit-request.entity';

export enum CreditOverrideStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  USED = 'USED',
}
registerEnumType(CreditOverrideStatus, {
  name: 'CreditOverrideStatus',
  description: 'REQUESTED → APPROVED (usable until expiresAt) → USED by one order; or REQUESTED → REJECTED',
});

/**
 * A general manager's approval of ONE credit order the credit rules would refuse (DOMAIN
 * rule 5, seed 003: 超出资信度发货,必须经事业部总经理签字确认后,才可开单): over the limit, or
 * in a new customer's cash-only first month. The order names it (createTrade overrideId) and
 * uses it up: at most `amount`, for this customer, before `expiresAt`, once.
 */
@ObjectType({
  implements: Node,
  description: "A general manager's approval of one credit order over the credit rules (超出资信度发货须经总经理签字).",
})
@Entity()
@Index(['customerId', 'createdAt', 'id'])
@Index(['createdAt', 'id'])
export class CreditOverride extends CreditRequest {
  @Field(() => DecimalScalar, { description: 'The largest credit order it lets through (CNY)' })
  @MoneyColumn()
  amount: string;
  @Field(() => CreditOverrideStatus)
  @Index()
  @EnumColumn({ default: CreditOverrideStatus.REQUESTED })
  status: CreditOverrideStatus;
  @Field(() => Date, {
    nullable: true,
    description: 'Set at approval: after it, an unused override can no longer be used',
  })
  @TimeColumn({ nullable: true })
  expiresAt: Date | null;
  @Index() @Column({ type: 'int', nullable: true }) usedByTradeId: number | null;
  @Field(() => Date, { nullable: true, description: 'When an order used it' })
  @TimeColumn({ nullable: true })
  usedAt: Date | null;
}

/** APPROVED and not expired: an order may name it now. */
export const isUsable = (o: Pick<CreditOverride, 'status' | 'expiresAt'>, now: Date) =>
  o.status === CreditOverrideStatus.APPROVED && o.expiresAt !== null && o.expiresAt.getTime() > now.getTime();

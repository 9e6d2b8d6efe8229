import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { DecimalScalar, UNSERVABLE_MONEY } from '../common/decimal.scalar';
import { Customer } from '../customers/customer.entity';
import { EnumColumn, MoneyColumn, TextColumn, TimeColumn } from '../db/columns';
import { User } from '../users/user.entity';
import { PaymentMethod, PaymentStatus, TradeKind } from './trade.enums';
import { ClassAArchiveColumn } from '../auth/row-scope';

const opt = { nullable: true } as const;

/**
 * One trade of a customer (交易记录). `customer` and `handler` are field resolvers
 * (trade.resolver.ts) so they go through the scoped, batched loaders.
 */
@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description: 'An order, contract, delivery, payment or return of a customer (交易记录).',
})
@Entity()
// (customerId, …) leads, so it is also the index of the customer FK: Customer.trades and filter.customerId.
@Index(['customerId', 'occurredAt', 'id'])
@Index(['occurredAt', 'id'])
@Index(['amount', 'id'])
@Index(['createdAt', 'id'])
// Unique per archive, not across archives: a number given by the caller can only ever collide
// with a trade of the same customer, which the caller sees anyway, never with a hidden one.
@Index('uq_trade_customer_trade_no', ['customerId', 'tradeNo'], { unique: true })
export class Trade extends BaseRecord {
  @Field({
    description:
      "交易编号: unique within the customer's archive; unless given, the archive number + '-' + the archive's next trade sequence (e.g. HD2026000123-0007)",
  })
  @TextColumn(32)
  tradeNo: string;

  @Column({ type: 'int' }) customerId: number;
  /** Its customer's archive number if that archive is A-class: what the read audit records. Never in the API. */
  @ClassAArchiveColumn() classAArchiveNo: string | null;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'customer_id' }) customerRow?: Customer;

  @Field(() => TradeKind) @EnumColumn() kind: TradeKind;
  @Field({ description: '交易时间 (UTC)' }) @TimeColumn() occurredAt: Date;
  @Field(() => String, { ...opt, description: '交易地点' }) @TextColumn(255, opt) place: string | null;
  @Field(() => DecimalScalar, {
    ...opt,
    description: `交易金额 (CNY), never negative: a RETURN counts against the total by its kind. ${UNSERVABLE_MONEY}`,
  })
  @MoneyColumn()
  amount: string;
  @Field(() => String, opt) @TextColumn(128, opt) product: string | null;
  @Field(() => Int, opt) @Column({ type: 'int', nullable: true }) quantity: number | null;

  @Field(() => PaymentMethod) @EnumColumn({ default: PaymentMethod.CASH }) paymentMethod: PaymentMethod;
  @Field(() => PaymentStatus) @EnumColumn({ default: PaymentStatus.UNPAID }) paymentStatus: PaymentStatus;
  @Field(() => Date, opt) @TimeColumn(opt) dueAt: Date | null;
  @Field({ description: '是否有违约情况' }) @Column({ type: 'boolean', default: false }) defaulted: boolean;

  /** 交易负责人; null only when the writer's token named no employee. */
  @Index() @Column({ type: 'int', nullable: true }) handlerId: number | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'handler_id' }) handlerRow?: User;

  @Field(() => String, { ...opt, description: '备注' }) @TextColumn(1000, opt) notes: string | null;

  @Field({
    description:
      '样品: a sample order up to CREDIT_CHECK_EXEMPT_MAX skips the credit checks (seed 003: 样品及现金销售的除外)',
  })
  @Column({ type: 'boolean', default: false })
  sample: boolean;

  /** The approved credit override this credit order used (credit-override.entity.ts); it covers later edits up to its amount. */
  @Column({ type: 'int', nullable: true }) creditOverrideId: number | null;

  @Field(() => Date, {
    ...opt,
    description: 'Set by cancelTrade: a cancelled trade no longer counts in the balance or the statistics',
  })
  @TimeColumn(opt)
  cancelledAt: Date | null;
  @Column({ type: 'int', nullable: true }) cancelledById: number | null;
  @Field(() => String, { ...opt, description: 'Why it was cancelled' }) @TextColumn(500, opt) cancellationReason:
    string | null;
}

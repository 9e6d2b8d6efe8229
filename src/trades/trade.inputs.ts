import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsDate, IsEnum, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { DecimalScalar, MONEY_LIMITS } from '../common/decimal.scalar';
import { SortDirection } from '../common/sort';
import { Given, IsBusinessTime, IsId, IsLine, IsMoneyUpTo, IsText, NotBefore } from '../common/validators';
import { PaymentMethod, PaymentStatus, TradeKind } from './trade.enums';

const opt = { nullable: true } as const;
const AMOUNT_RANGE = `CNY, 0.00 to ${MONEY_LIMITS.trade}`;

/** Fields shared by create and update; every one optional here, create re-declares what it requires. */
@InputType('TradeFieldsBase')
export class TradeFields {
  @Field(() => ID, { ...opt, description: 'The customer; its archive must be ACTIVE' })
  @IsOptional()
  @IsId()
  customerId?: string;
  @Field(() => TradeKind, opt) @Given() @IsEnum(TradeKind) kind?: TradeKind;
  @Field(() => Date, opt) @Given() @IsBusinessTime() occurredAt?: Date;
  @Field(opt) @IsOptional() @IsLine(255) place?: string;
  @Field(() => DecimalScalar, { ...opt, description: AMOUNT_RANGE })
  @Given()
  @IsMoneyUpTo(MONEY_LIMITS.trade)
  amount?: string;
  @Field(opt) @IsOptional() @IsLine(128) product?: string;
  @Field(() => Int, opt) @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) quantity?: number;
  @Field(() => PaymentMethod, opt) @Given() @IsEnum(PaymentMethod) paymentMethod?: PaymentMethod;
  @Field(() => PaymentStatus, opt) @Given() @IsEnum(PaymentStatus) paymentStatus?: PaymentStatus;
  @Field(() => Date, opt) @IsOptional() @IsBusinessTime() @NotBefore('occurredAt') dueAt?: Date;
  @Field(() => Boolean, opt) @Given() @IsBoolean() defaulted?: boolean;
  @Field(() => ID, { ...opt, description: '交易负责人; a new trade defaults to the caller' })
  @IsOptional()
  @IsId()
  handlerId?: string;
  @Field(opt) @IsOptional() @IsText(1000) notes?: string;
  @Field(() => Boolean, {
    ...opt,
    description: '样品: a sample order up to CREDIT_CHECK_EXEMPT_MAX skips the credit checks',
  })
  @Given()
  @IsBoolean()
  sample?: boolean;
}

@InputType({
  description:
    'A new trade of an ACTIVE customer. An ORDER on CREDIT is refused with CREDIT_LIMIT_EXCEEDED when it would take the ' +
    "outstanding balance over the credit limit, and with NEW_CUSTOMER_CASH_ONLY in the customer's first NEW_CUSTOMER_CASH_MONTHS after " +
    "approval, unless it names a general manager's approved override (overrideId). Samples up to CREDIT_CHECK_EXEMPT_MAX skip both checks.",
})
export class CreateTradeInput extends TradeFields {
  @Field(() => ID) @IsId() customerId: string;
  @Field(() => TradeKind) @IsEnum(TradeKind) kind: TradeKind;
  @Field(() => Date) @IsBusinessTime() occurredAt: Date;
  @Field(() => DecimalScalar, { description: AMOUNT_RANGE }) @IsMoneyUpTo(MONEY_LIMITS.trade) amount: string;
  @Field(() => PaymentMethod) @IsEnum(PaymentMethod) paymentMethod: PaymentMethod;
  @Field({
    ...opt,
    description: "Unique within the customer's archive; generated (archive number + '-' + sequence) when not given",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_/-]{0,31}$/, { message: '$property must be 1–32 letters, digits, "-", "_" or "/"' })
  tradeNo?: string;
  @Field(() => ID, {
    ...opt,
    description:
      'An APPROVED, unexpired credit override of this customer (requestCreditOverride) for an ORDER on CREDIT of at most its amount: ' +
      'the order skips the credit checks and uses the override up. Null or left out: none.',
  })
  @IsOptional()
  @IsId()
  overrideId?: string | null;
}

@InputType({ description: 'Only the fields given change; `version` must be the one last read.' })
export class UpdateTradeInput extends TradeFields {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
  @Field(() => String, { nullable: true, description: 'Why (kept in the change history, up to 500 characters)' })
  @IsOptional()
  @IsText(500)
  note?: string;
}

@ArgsType()
export class CancelTradeArgs {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int, { description: 'The version last read: a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
  @Field({ description: 'Why (5 to 500 characters)' }) @IsText(500) reason: string;
}

@InputType()
export class TradeFilter {
  @Field(() => ID, opt) @IsOptional() @IsId() customerId?: string;
  @Field(() => [TradeKind], opt) @IsOptional() @ArrayMaxSize(5) kind?: TradeKind[];
  @Field(() => [PaymentStatus], opt) @IsOptional() @ArrayMaxSize(4) paymentStatus?: PaymentStatus[];
  @Field(() => Boolean, opt) @IsOptional() @IsBoolean() defaulted?: boolean;
  @Field(() => Date, { ...opt, description: 'occurredAt at or after this instant' })
  @IsOptional()
  @IsDate()
  occurredFrom?: Date;
  @Field(() => Date, {
    ...opt,
    description: 'occurredAt before this instant (exclusive), as occurredBefore on visits',
    deprecationReason:
      'Use occurredBefore (the same bound, named as on visits and complaints), or where: { occurredAt: { lt } }',
  })
  @IsOptional()
  @IsDate()
  occurredTo?: Date;
  @Field(() => Date, { ...opt, description: 'occurredAt before this instant (exclusive)' })
  @IsOptional()
  @IsDate()
  occurredBefore?: Date;
}

export enum TradeSortField {
  OCCURRED_AT = 'OCCURRED_AT',
  AMOUNT = 'AMOUNT',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(TradeSortField, { name: 'TradeSortField' });

@InputType()
export class TradeOrder {
  @Field(() => TradeSortField) @IsEnum(TradeSortField) field: TradeSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction: SortDirection;
}

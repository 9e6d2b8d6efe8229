import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '../common/connection';
import { DecimalScalar, MONEY_LIMITS } from '../common/decimal.scalar';
import { IsId, IsMoneyUpTo, IsText } from '../common/validators';
import { CreditLevel } from '../customers/customer.enums';
import { CreditRaiseStatus } from './credit-limit-raise.entity';
import { CreditOverrideStatus } from './credit-override.entity';

const opt = { nullable: true } as const;

@InputType({
  description: 'Ask a general manager to let one credit order through the credit rules (超出资信度发货申请).',
})
export class RequestCreditOverrideInput {
  @Field(() => ID, { description: 'An ACTIVE customer you record orders or payments for' }) @IsId() customerId: string;
  @Field(() => DecimalScalar, { description: 'The order amount to let through (more than 0)' })
  @IsMoneyUpTo(MONEY_LIMITS.trade)
  amount: string;
  @Field({ description: 'Why (5 to 500 characters)' }) @IsText(500) reason: string;
}

@InputType({ description: "Ask a general manager to raise a customer's credit limit (加大欠款额度申请)." })
export class RequestCreditLimitRaiseInput {
  @Field(() => ID, { description: 'An ACTIVE customer you record orders or payments for' }) @IsId() customerId: string;
  @Field(() => DecimalScalar, { description: 'The limit asked for (CNY)' })
  @IsMoneyUpTo(MONEY_LIMITS.creditLimit)
  newLimit: string;
  @Field({ description: 'Why (5 to 500 characters)' }) @IsText(500) reason: string;
}

@InputType({
  description:
    'The quarterly credit review (季度考核) of an approved customer: sets level, limit, term and assessment, and lastCreditReviewAt. ' +
    'The limit may stay or go down; a higher one is a requestCreditLimitRaise.',
})
export class RecordCreditReviewInput {
  @Field(() => ID) @IsId() customerId: string;
  @Field(() => Int, { description: "The customer's version last read: a stale one is refused with CONFLICT." })
  @IsInt()
  @Min(1)
  version: number;
  @Field(() => CreditLevel) @IsEnum(CreditLevel) creditLevel: CreditLevel;
  @Field(() => DecimalScalar, { description: 'At most the current limit' })
  @IsMoneyUpTo(MONEY_LIMITS.creditLimit)
  creditLimit: string;
  @Field(() => Int, { description: '账期 in days' }) @IsInt() @Min(0) @Max(365) creditTermDays: number;
  @Field({ description: '资信评价' }) @IsText(1000) creditAssessment: string;
}

/** approve…: the request as last read. */
@ArgsType()
export class DecideCreditArgs {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int, { description: 'The version last read: a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
}

/** reject…: the request as last read, and why. */
@ArgsType()
export class RejectCreditArgs extends DecideCreditArgs {
  @Field({ description: 'Why (shown to the requester)' }) @IsText(500) note: string;
}

@InputType()
export class CreditOverrideFilter {
  @Field(() => ID, opt) @IsOptional() @IsId() customerId?: string;
  @Field(() => [CreditOverrideStatus], opt)
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(CreditOverrideStatus, { each: true })
  status?: CreditOverrideStatus[];
}

@InputType()
export class CreditLimitRaiseFilter {
  @Field(() => ID, opt) @IsOptional() @IsId() customerId?: string;
  @Field(() => [CreditRaiseStatus], opt)
  @IsOptional()
  @ArrayMaxSize(3)
  @IsEnum(CreditRaiseStatus, { each: true })
  status?: CreditRaiseStatus[];
}

@ArgsType()
export class CreditOverrideListArgs extends PageArgs {
  @Field(() => CreditOverrideFilter, opt) @IsOptional() @ValidateNested() filter?: CreditOverrideFilter;
}

@ArgsType()
export class CreditLimitRaiseListArgs extends PageArgs {
  @Field(() => CreditLimitRaiseFilter, opt) @IsOptional() @ValidateNested() filter?: CreditLimitRaiseFilter;
}

import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { Connection, PageArgs } from '../common/connection';
import { Customer } from '../customers/customer.entity';

export enum AnniversaryKind {
  FOUNDING = 'FOUNDING',
  FIRST_TRADE = 'FIRST_TRADE',
}
registerEnumType(AnniversaryKind, {
  name: 'AnniversaryKind',
  description:
    '店庆: the day the company was founded (foundedOn), or the day of its first trade with us (firstTradeAt)',
});

/** The longest window of the reminder lists: a quarter ahead. */
export const MAX_REMINDER_DAYS = 92;

@ObjectType({
  description:
    'A yearly day of a customer worth a greeting (店庆): its founding day or the day it first traded with us.',
})
export class Anniversary {
  @Field({ description: 'Stable key of this anniversary in the list (kind and customer)' }) id: string;
  @Field(() => AnniversaryKind) kind: AnniversaryKind;
  @Field({ description: 'The coming day (YYYY-MM-DD, UTC): today or later' }) on: string;
  @Field(() => Int, { description: 'Which anniversary it is: years since the day itself' }) years: number;
  /** Loaded through the caller's row scope; never null for a listed anniversary. */
  @Field(() => Customer) customer: Customer;
}

@ObjectType()
export class AnniversaryConnection extends Connection(Anniversary) {}

@ArgsType()
export class ReminderArgs extends PageArgs {
  @Field(() => Int, { description: `Days ahead, today included (0 to ${MAX_REMINDER_DAYS})` })
  @IsInt()
  @Min(0)
  @Max(MAX_REMINDER_DAYS)
  days: number;
}

@ArgsType()
export class BirthdayArgs extends ReminderArgs {
  @Field({
    defaultValue: true,
    description:
      'For marketing (greetings, offers): only contacts who consented to it (marketingConsent). False: every contact the caller sees in full',
  })
  @IsBoolean()
  marketing: boolean;
}

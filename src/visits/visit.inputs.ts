import { ArrayMaxSize, IsBoolean, IsDate, IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { Given, IsBusinessTime, IsId, IsLine, IsText, NotBefore } from '../common/validators';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { SortDirection } from '../common/sort';
import { VisitKind } from './visit.enums';

const opt = { nullable: true } as const;
/** Fields shared by create and update; create re-declares what it requires. */
@InputType('VisitFieldsBase')
export class VisitFields {
  @Field(() => ID, { ...opt, description: 'A contact of the same customer; null clears it' })
  @IsOptional()
  @IsId()
  contactId?: string | null;
  @Field(() => ID, { ...opt, description: 'An active employee; defaults to the caller on create' })
  @Given()
  @IsId()
  userId?: string;
  @Field(() => VisitKind, opt) @Given() @IsEnum(VisitKind) kind?: VisitKind;
  @Field(() => Date, { ...opt, description: 'Defaults to occurredAt on create' })
  @Given()
  @IsBusinessTime()
  plannedAt?: Date;
  @Field(() => Date, { ...opt, description: 'Null while still planned' })
  @IsOptional()
  @IsBusinessTime()
  occurredAt?: Date | null;
  @Field(() => String, opt) @Given() @IsLine(128) subject?: string;
  @Field(() => String, opt) @IsOptional() @IsText(2000) summary?: string | null;
  @Field(() => String, opt) @IsOptional() @IsText(1000) needs?: string | null;
  @Field(() => String, opt) @IsOptional() @IsText(1000) outcome?: string | null;
  @Field(() => Date, opt)
  @IsOptional()
  @IsBusinessTime()
  @NotBefore('plannedAt')
  @NotBefore('occurredAt')
  nextFollowUpAt?: Date | null;
}

@InputType({
  description: 'A new touch with a customer the caller may write to. Without plannedAt and occurredAt it happened now.',
})
export class CreateVisitInput extends VisitFields {
  @Field(() => ID) @IsId() customerId: string;
  @Field(() => VisitKind) @IsEnum(VisitKind) kind: VisitKind;
  @Field() @IsLine(128) subject: string;
}

@InputType({
  description: 'Only the fields given change; `version` must be the one last read. A visit stays with its customer.',
})
export class UpdateVisitInput extends VisitFields {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
  @Field(() => String, { nullable: true, description: 'Why (kept in the change history, up to 500 characters)' })
  @IsOptional()
  @IsText(500)
  note?: string;
}

@InputType()
export class VisitFilter {
  @Field(() => ID, opt) @IsOptional() @IsId() customerId?: string;
  @Field(() => ID, opt) @IsOptional() @IsId() contactId?: string;
  @Field(() => ID, { ...opt, description: 'The employee' }) @IsOptional() @IsId() userId?: string;
  @Field(() => [VisitKind], opt) @IsOptional() @ArrayMaxSize(6) @IsEnum(VisitKind, { each: true }) kind?: VisitKind[];
  @Field(() => Boolean, { ...opt, description: 'True: happened; false: still planned' })
  @IsOptional()
  @IsBoolean()
  occurred?: boolean;
  @Field(() => Date, { ...opt, description: 'Happened at or after' }) @IsOptional() @IsDate() occurredFrom?: Date;
  @Field(() => Date, { ...opt, description: 'Happened before' }) @IsOptional() @IsDate() occurredBefore?: Date;
  @Field(() => Date, { ...opt, description: 'Planned at or after' }) @IsOptional() @IsDate() plannedFrom?: Date;
  @Field(() => Date, { ...opt, description: 'Planned before' }) @IsOptional() @IsDate() plannedBefore?: Date;
  @Field(() => Date, { ...opt, description: 'Next follow-up due before this time (overdue follow-ups: pass now)' })
  @IsOptional()
  @IsDate()
  followUpBefore?: Date;
}

export enum VisitSortField {
  PLANNED_AT = 'PLANNED_AT',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(VisitSortField, { name: 'VisitSortField' });

@InputType()
export class VisitOrder {
  @Field(() => VisitSortField) @IsEnum(VisitSortField) field: VisitSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction: SortDirection;
}

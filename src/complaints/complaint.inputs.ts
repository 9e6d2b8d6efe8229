import { Given } from '../common/validators';
import {
  ArrayMaxSize, IsBoolean, IsDefined, IsDate, IsEnum, IsInt, IsNotEmpty, IsOptional, Max, MaxLength, Min, ValidateIf,
} from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { SortDirection } from '../common/sort';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, Severity } from './complaint.enums';

const opt = { nullable: true } as const;
/** Fields shared by create and update; create re-declares what it requires. */
@InputType('ComplaintFieldsBase')
export class ComplaintFields {
  @Field(() => ID, { ...opt, description: 'Who complained: a contact of the same customer; null clears it' })
  @IsOptional() @MaxLength(64) contactId?: string | null;
  @Field(() => Date, { ...opt, description: 'Defaults to now on create' }) @Given() @IsDate() receivedAt?: Date;
  @Field(() => ComplaintChannel, opt) @Given() @IsEnum(ComplaintChannel) channel?: ComplaintChannel;
  @Field(() => ComplaintCategory, opt) @Given() @IsEnum(ComplaintCategory) category?: ComplaintCategory;
  @Field(() => Severity, opt) @Given() @IsEnum(Severity) severity?: Severity;
  @Field(() => String, opt) @Given() @IsNotEmpty() @MaxLength(2000) content?: string;
  @Field(() => ComplaintStatus, { ...opt, description: 'One step: OPEN → IN_PROGRESS → RESOLVED → CLOSED, or RESOLVED/CLOSED → IN_PROGRESS to reopen; a new complaint is OPEN' })
  @Given() @IsEnum(ComplaintStatus) status?: ComplaintStatus;
  @Field(() => ID, { ...opt, description: 'An active employee; null unassigns' }) @IsOptional() @MaxLength(64) handlerId?: string | null;
  @Field(() => String, opt) @IsOptional() @MaxLength(1000) resolution?: string | null;
  @Field(() => String, opt) @IsOptional() @MaxLength(1000) measures?: string | null;
  @Field(() => Date, { ...opt, description: 'Defaults to the service level of the severity (COMPLAINT_DUE_HOURS after receivedAt); may be earlier, never later' })
  @IsOptional() @IsDate() dueAt?: Date | null;
  @Field(() => Date, opt) @IsOptional() @IsDate() resolvedAt?: Date | null;
  @Field(() => Int, opt) @IsOptional() @IsInt() @Min(1) @Max(5) satisfaction?: number | null;
}

@InputType({ description: 'A new complaint of a customer the caller may write to; it starts OPEN, due by the service level of its severity.' })
export class CreateComplaintInput extends ComplaintFields {
  @Field(() => ID) @MaxLength(64) customerId: string;
  @Field(() => ComplaintChannel) @IsEnum(ComplaintChannel) channel: ComplaintChannel;
  @Field(() => ComplaintCategory) @IsEnum(ComplaintCategory) category: ComplaintCategory;
  @Field() @IsNotEmpty() @MaxLength(2000) content: string;
}

@InputType({ description: 'Only the fields given change; `version` must be the one last read. A complaint stays with its customer.' })
export class UpdateComplaintInput extends ComplaintFields {
  @Field(() => ID) @MaxLength(64) id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
}

@InputType()
export class ComplaintFilter {
  @Field(() => ID, opt) @IsOptional() @MaxLength(64) customerId?: string;
  @Field(() => ID, opt) @IsOptional() @MaxLength(64) contactId?: string;
  @Field(() => ID, opt) @IsOptional() @MaxLength(64) handlerId?: string;
  @Field(() => [ComplaintStatus], opt) @IsOptional() @ArrayMaxSize(4) @IsEnum(ComplaintStatus, { each: true }) status?: ComplaintStatus[];
  @Field(() => [Severity], opt) @IsOptional() @ArrayMaxSize(4) @IsEnum(Severity, { each: true }) severity?: Severity[];
  @Field(() => [ComplaintCategory], opt) @IsOptional() @ArrayMaxSize(5) @IsEnum(ComplaintCategory, { each: true }) category?: ComplaintCategory[];
  @Field(() => [ComplaintChannel], opt) @IsOptional() @ArrayMaxSize(7) @IsEnum(ComplaintChannel, { each: true }) channel?: ComplaintChannel[];
  @Field(() => Date, { ...opt, description: 'Received at or after' }) @IsOptional() @IsDate() receivedFrom?: Date;
  @Field(() => Date, { ...opt, description: 'Received before' }) @IsOptional() @IsDate() receivedBefore?: Date;
  @Field(() => Boolean, { ...opt, description: 'True: still OPEN or IN_PROGRESS after its due date' })
  @IsOptional() @IsBoolean() overdue?: boolean;
}

export enum ComplaintSortField { RECEIVED_AT = 'RECEIVED_AT', CREATED_AT = 'CREATED_AT', UPDATED_AT = 'UPDATED_AT' }
registerEnumType(ComplaintSortField, { name: 'ComplaintSortField' });

@InputType()
export class ComplaintOrder {
  @Field(() => ComplaintSortField) @IsEnum(ComplaintSortField) field: ComplaintSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction: SortDirection;
}

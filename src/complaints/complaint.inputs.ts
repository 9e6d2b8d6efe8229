import { Given, IsBusinessTime, IsId, IsText, NotBefore } from '../common/validators';
import { ArrayMaxSize, IsBoolean, IsDate, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { SortDirection } from '../common/sort';
import { ComplaintCategory, ComplaintChannel, ComplaintStatus, Severity } from './complaint.enums';

const opt = { nullable: true } as const;
/** Fields shared by create and update; create re-declares what it requires. */
@InputType('ComplaintFieldsBase')
export class ComplaintFields {
  @Field(() => ID, { ...opt, description: 'Who complained: a contact of the same customer; null clears it' })
  @IsOptional()
  @IsId()
  contactId?: string | null;
  @Field(() => Date, { ...opt, description: 'Defaults to now on create' }) @Given() @IsBusinessTime() receivedAt?: Date;
  @Field(() => ComplaintChannel, opt) @Given() @IsEnum(ComplaintChannel) channel?: ComplaintChannel;
  @Field(() => ComplaintCategory, opt) @Given() @IsEnum(ComplaintCategory) category?: ComplaintCategory;
  @Field(() => Severity, opt) @Given() @IsEnum(Severity) severity?: Severity;
  @Field(() => String, opt) @Given() @IsText(2000) content?: string;
  @Field(() => ComplaintStatus, {
    ...opt,
    description:
      'One step: OPEN → IN_PROGRESS → RESOLVED → CLOSED, or RESOLVED/CLOSED → IN_PROGRESS to reopen; a new complaint is OPEN',
  })
  @Given()
  @IsEnum(ComplaintStatus)
  status?: ComplaintStatus;
  @Field(() => ID, { ...opt, description: 'An active employee; null unassigns' }) @IsOptional() @IsId() handlerId?:
    string | null;
  @Field(() => String, opt) @IsOptional() @IsText(1000) resolution?: string | null;
  @Field(() => String, opt) @IsOptional() @IsText(1000) measures?: string | null;
  @Field(() => Date, {
    ...opt,
    description:
      'Defaults to the service level of the severity (COMPLAINT_DUE_HOURS after receivedAt); may be earlier, never later',
  })
  @IsOptional()
  @IsBusinessTime()
  @NotBefore('receivedAt')
  dueAt?: Date | null;
  @Field(() => Date, opt) @IsOptional() @IsBusinessTime() @NotBefore('receivedAt') resolvedAt?: Date | null;
  @Field(() => Int, opt) @IsOptional() @IsInt() @Min(1) @Max(5) satisfaction?: number | null;
}

@InputType({
  description:
    'A new complaint of a customer the caller may write to; it starts OPEN, due by the service level of its severity.',
})
export class CreateComplaintInput extends ComplaintFields {
  @Field(() => ID) @IsId() customerId: string;
  @Field(() => ComplaintChannel) @IsEnum(ComplaintChannel) channel: ComplaintChannel;
  @Field(() => ComplaintCategory) @IsEnum(ComplaintCategory) category: ComplaintCategory;
  @Field() @IsText(2000) content: string;
}

@InputType({
  description:
    'Only the fields given change; `version` must be the one last read. A complaint stays with its customer.',
})
export class UpdateComplaintInput extends ComplaintFields {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
  @Field(() => String, { nullable: true, description: 'Why (kept in the change history, up to 500 characters)' })
  @IsOptional()
  @IsText(500)
  note?: string;
}

@InputType()
export class ComplaintFilter {
  @Field(() => ID, opt) @IsOptional() @IsId() customerId?: string;
  @Field(() => ID, opt) @IsOptional() @IsId() contactId?: string;
  @Field(() => ID, opt) @IsOptional() @IsId() handlerId?: string;
  @Field(() => [ComplaintStatus], opt)
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(ComplaintStatus, { each: true })
  status?: ComplaintStatus[];
  @Field(() => [Severity], opt) @IsOptional() @ArrayMaxSize(4) @IsEnum(Severity, { each: true }) severity?: Severity[];
  @Field(() => [ComplaintCategory], opt)
  @IsOptional()
  @ArrayMaxSize(5)
  @IsEnum(ComplaintCategory, { each: true })
  category?: ComplaintCategory[];
  @Field(() => [ComplaintChannel], opt)
  @IsOptional()
  @ArrayMaxSize(7)
  @IsEnum(ComplaintChannel, { each: true })
  channel?: ComplaintChannel[];
  @Field(() => Date, { ...opt, description: 'Received at or after' }) @IsOptional() @IsDate() receivedFrom?: Date;
  @Field(() => Date, { ...opt, description: 'Received before' }) @IsOptional() @IsDate() receivedBefore?: Date;
  @Field(() => Boolean, { ...opt, description: 'True: still OPEN or IN_PROGRESS after its due date' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

export enum ComplaintSortField {
  RECEIVED_AT = 'RECEIVED_AT',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ComplaintSortField, { name: 'ComplaintSortField' });

@InputType()
export class ComplaintOrder {
  @Field(() => ComplaintSortField) @IsEnum(ComplaintSortField) field: ComplaintSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction: SortDirection;
}

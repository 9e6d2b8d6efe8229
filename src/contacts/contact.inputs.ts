import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { SortDirection } from '../common/sort';
import {
  Given,
  IsBusinessTime,
  IsEmailAddress,
  IsId,
  IsLine,
  IsLocalDate,
  IsMobile,
  IsPhone,
  IsText,
} from '../common/validators';
import { ContactRole, Gender } from './contact.enums';

const opt = { nullable: true } as const;
/** Fields shared by create and update; create re-declares what it requires. */
@InputType('ContactFieldsBase')
export class ContactFields {
  @Field(() => String, opt) @Given() @IsLine(64) name?: string;
  @Field(() => Gender, opt) @Given() @IsEnum(Gender) gender?: Gender;
  @Field(() => String, opt) @IsOptional() @IsLine(64) title?: string | null;
  @Field(() => ContactRole, opt) @Given() @IsEnum(ContactRole) role?: ContactRole;
  @Field(() => String, opt) @IsOptional() @IsPhone() phone?: string | null;
  @Field(() => String, opt) @IsOptional() @IsMobile() mobile?: string | null;
  @Field(() => String, opt) @IsOptional() @IsEmailAddress(128) email?: string | null;
  @Field(() => String, opt) @IsOptional() @IsLine(64) wechat?: string | null;
  @Field(() => String, opt) @IsOptional() @IsPhone() fax?: string | null;
  @Field(() => Boolean, {
    ...opt,
    description: 'True makes this the primary contact and clears the flag on the others.',
  })
  @Given()
  @IsBoolean()
  isPrimary?: boolean;
  @Field(() => String, opt) @IsOptional() @IsLocalDate({ earliest: '1900-01-01', past: true }) birthday?: string | null;
  @Field(() => String, opt) @IsOptional() @IsLine(64) hometown?: string | null;
  @Field(() => String, opt) @IsOptional() @IsLine(32) education?: string | null;
  @Field(() => String, opt) @IsOptional() @IsText(255) hobbies?: string | null;
  @Field(() => String, opt) @IsOptional() @IsText(500) family?: string | null;
  @Field(() => String, opt) @IsOptional() @IsText(255) consentPurpose?: string | null;
  @Field(() => Date, opt) @IsOptional() @IsBusinessTime() consentAt?: Date | null;
  @Field(() => Boolean, {
    ...opt,
    description:
      'The person agreed to marketing (greetings, offers): needs consentPurpose and consentAt; false withdraws it',
  })
  @Given()
  @IsBoolean()
  marketingConsent?: boolean;
}

@InputType({ description: 'A new contact of a customer the caller may write to.' })
export class CreateContactInput extends ContactFields {
  @Field(() => ID) @IsId() customerId: string;
  @Field() @IsLine(64) name: string;
}

@InputType({
  description: 'Only the fields given change; `version` must be the one last read. A contact stays with its customer.',
})
export class UpdateContactInput extends ContactFields {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
  @Field(() => String, { nullable: true, description: 'Why (kept in the change history, up to 500 characters)' })
  @IsOptional()
  @IsText(500)
  note?: string;
}

@InputType()
export class ContactFilter {
  @Field(() => ID, opt) @IsOptional() @IsId() customerId?: string;
  @Field(() => String, { ...opt, description: 'Part of the name' }) @IsOptional() @IsLine(64) search?: string;
  @Field(() => [ContactRole], opt)
  @IsOptional()
  @ArrayMaxSize(5)
  @IsEnum(ContactRole, { each: true })
  role?: ContactRole[];
  @Field(() => Boolean, opt) @IsOptional() @IsBoolean() isPrimary?: boolean;
}

export enum ContactSortField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ContactSortField, { name: 'ContactSortField' });

@InputType()
export class ContactOrder {
  @Field(() => ContactSortField) @IsEnum(ContactSortField) field: ContactSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction: SortDirection;
}

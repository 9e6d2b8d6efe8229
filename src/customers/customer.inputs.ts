import { Field, ID, InputType, Int, Float } from 'type-graphql';
import { IsEnum, IsInt, IsOptional, Length, Max, Min, ArrayMaxSize } from 'class-validator';
import { DecimalScalar, MONEY_LIMITS } from '../common/decimal.scalar';
import { SortDirection } from '../common/sort';
import {
  Given,
  IsCreditCode,
  IsEmailAddress,
  IsId,
  IsLine,
  IsLocalDate,
  IsMoneyUpTo,
  IsPhone,
  IsPostcode,
  IsText,
  IsWebsite,
} from '../common/validators';
import {
  AbcClass,
  ArchiveStatus,
  BusinessMode,
  CompanyScale,
  CreditLevel,
  CustomerCategory,
  CustomerKind,
  CustomerSource,
  EnterpriseNature,
  IndustryPosition,
  PaymentTerms,
  Region,
} from './customer.enums';
import { registerEnumType } from 'type-graphql';

const opt = { nullable: true } as const;

/** Fields shared by create and update; every one optional here, create re-declares what it requires. */
@InputType('CustomerFieldsBase')
export class CustomerFields {
  @Field(opt) @Given() @IsLine(128) name?: string;
  @Field(opt) @IsOptional() @IsLine(64) shortName?: string;
  @Field(opt) @IsOptional() @IsCreditCode() creditCode?: string;
  @Field(() => CustomerKind, opt) @Given() @IsEnum(CustomerKind) kind?: CustomerKind;
  @Field(() => EnterpriseNature, opt) @IsOptional() nature?: EnterpriseNature;
  @Field(opt) @IsOptional() @IsLine(64) industry?: string;
  @Field(() => Region, opt) @IsOptional() region?: Region;
  @Field(opt) @IsOptional() @IsLine(32) province?: string;
  @Field(opt) @IsOptional() @IsLine(32) city?: string;
  @Field(opt) @IsOptional() @IsLine(32) district?: string;
  @Field(opt) @IsOptional() @IsLine(255) address?: string;
  @Field(opt) @IsOptional() @IsPostcode() postcode?: string;
  @Field(opt) @IsOptional() @IsPhone() phone?: string;
  @Field(opt) @IsOptional() @IsPhone() fax?: string;
  @Field(opt) @IsOptional() @IsEmailAddress(128) email?: string;
  @Field(opt) @IsOptional() @IsWebsite(255) website?: string;
  @Field(opt) @IsOptional() @IsLine(64) legalRepresentative?: string;
  @Field(() => DecimalScalar, opt) @IsOptional() @IsMoneyUpTo(MONEY_LIMITS.companyFigure) registeredCapital?: string;
  @Field(opt) @IsOptional() @IsLocalDate({ past: true }) foundedOn?: string;
  @Field(opt) @IsOptional() @IsLine(255) mainShareholders?: string;
  @Field(opt) @IsOptional() @IsText(1000) businessScope?: string;
  @Field(opt) @IsOptional() @IsLine(255) mainBrands?: string;
  @Field(() => BusinessMode, opt) @IsOptional() businessMode?: BusinessMode;
  @Field(() => Int, opt) @IsOptional() @Min(0) @Max(10_000_000) employeeCount?: number;
  @Field(() => CompanyScale, opt) @IsOptional() scale?: CompanyScale;
  @Field(() => Int, opt) @IsOptional() @Min(0) @Max(500) yearsInBusiness?: number;
  @Field(() => IndustryPosition, opt) @IsOptional() industryPosition?: IndustryPosition;
  @Field(() => DecimalScalar, opt) @IsOptional() @IsMoneyUpTo(MONEY_LIMITS.companyFigure) salesLastYear?: string;
  @Field(() => DecimalScalar, opt) @IsOptional() @IsMoneyUpTo(MONEY_LIMITS.companyFigure) salesTwoYearsAgo?: string;
  @Field(() => DecimalScalar, opt) @IsOptional() @IsMoneyUpTo(MONEY_LIMITS.companyFigure) salesThreeYearsAgo?: string;
  @Field(() => Float, opt) @IsOptional() @Min(0) @Max(100) marketShare?: number;
  @Field(opt) @IsOptional() @IsText(255) salesCapability?: string;
  @Field(opt) @IsOptional() @IsText(255) growthPotential?: string;
  @Field(opt) @IsOptional() @IsText(255) businessPhilosophy?: string;
  @Field(opt) @IsOptional() @IsText(255) businessDirection?: string;
  @Field(() => CustomerSource, opt) @IsOptional() source?: CustomerSource;
  @Field(() => CustomerCategory, opt) @Given() category?: CustomerCategory;
  @Field(() => ID, { ...opt, description: 'Owner (业务员); defaults to the caller' })
  @IsOptional()
  @IsId()
  ownerId?: string;
  @Field(() => Int, opt) @IsOptional() @IsInt() @Min(1) @Max(5) starRating?: number;
  @Field(opt) @IsOptional() @IsText(255) contactPolicy?: string;
  @Field(() => Int, opt) @IsOptional() @Min(1) @Max(3650) purchaseCycleDays?: number;
  @Field(() => CreditLevel, opt) @IsOptional() creditLevel?: CreditLevel;
  @Field(() => DecimalScalar, { ...opt, description: `CNY, 0.00 to ${MONEY_LIMITS.creditLimit}` })
  @Given()
  @IsMoneyUpTo(MONEY_LIMITS.creditLimit)
  creditLimit?: string;
  @Field(() => Int, opt) @Given() @Min(0) @Max(365) creditTermDays?: number;
  @Field(() => PaymentTerms, opt) @IsOptional() paymentTerms?: PaymentTerms;
  @Field(opt) @IsOptional() @IsLine(128) bankName?: string;
  @Field(opt) @IsOptional() @IsLine(40) @Length(6, 40) bankAccount?: string;
  @Field(opt) @IsOptional() @IsText(1000) creditAssessment?: string;
}

@InputType({ description: 'A new archive; it starts PENDING_APPROVAL with a generated archive number.' })
export class CreateCustomerInput extends CustomerFields {
  @Field() @IsLine(128) name: string;
  @Field(() => CustomerKind) @IsEnum(CustomerKind) kind: CustomerKind;
}

@InputType({ description: 'Only the fields given change; `version` must be the one last read.' })
export class UpdateCustomerInput extends CustomerFields {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int) @IsInt() @Min(1) version: number;
  @Field(() => String, { nullable: true, description: 'Why (kept in the change history, up to 500 characters)' })
  @IsOptional()
  @IsText(500)
  note?: string;
}

@InputType()
export class CustomerFilter {
  @Field({ ...opt, description: 'Part of the name, a former name (更名), the short name or the archive number' })
  @IsOptional()
  @IsLine(64)
  search?: string;
  @Field(() => [AbcClass], opt) @IsOptional() @ArrayMaxSize(3) abcClass?: AbcClass[];
  @Field(() => [Region], opt) @IsOptional() @ArrayMaxSize(7) region?: Region[];
  @Field(() => [ArchiveStatus], opt) @IsOptional() @ArrayMaxSize(5) status?: ArchiveStatus[];
  @Field(() => [CustomerKind], opt) @IsOptional() @ArrayMaxSize(5) kind?: CustomerKind[];
  @Field(opt) @IsOptional() @IsLine(64) industry?: string;
  @Field(() => ID, opt) @IsOptional() @IsId() ownerId?: string;
}

export enum CustomerSortField {
  ARCHIVE_NO = 'ARCHIVE_NO',
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  TRADE_TOTAL = 'TRADE_TOTAL',
}
registerEnumType(CustomerSortField, { name: 'CustomerSortField' });

@InputType()
export class CustomerOrder {
  @Field(() => CustomerSortField) @IsEnum(CustomerSortField) field: CustomerSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) @IsEnum(SortDirection) direction: SortDirection;
}

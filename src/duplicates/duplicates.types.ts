import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsInt, Min } from 'class-validator';
import { Customer } from '../customers/customer.entity';
import { IsId, IsText } from '../common/validators';

export enum DuplicateReason {
  CREDIT_CODE = 'CREDIT_CODE',
  SIMILAR_NAME = 'SIMILAR_NAME',
  SAME_PHONE = 'SAME_PHONE',
  SAME_CONTACT_MOBILE = 'SAME_CONTACT_MOBILE',
}
registerEnumType(DuplicateReason, {
  name: 'DuplicateReason',
  description:
    'Why two archives may be one customer: same 统一社会信用代码, a name equal or contained once legal form, 集团 and brackets are stripped, same phone, or a contact with the same mobile',
});

@ObjectType({ description: 'An archive that may be the same customer (查重), and why.' })
export class DuplicateCandidate {
  @Field(() => Customer) customer: Customer;
  @Field(() => [DuplicateReason]) reasons: DuplicateReason[];
}

@ArgsType()
export class MergeArchivesArgs {
  @Field(() => ID, { description: 'The archive that stays' }) @IsId() keepId: string;
  @Field(() => Int) @IsInt() @Min(1) keepVersion: number;
  @Field(() => ID, { description: 'The duplicate merged into it' }) @IsId() mergeId: string;
  @Field(() => Int) @IsInt() @Min(1) mergeVersion: number;
  @Field({ description: 'Why (5 to 500 characters)' }) @IsText(500) reason: string;
}

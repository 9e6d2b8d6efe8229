import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { IsEnum } from 'class-validator';
import { IsId, IsText } from '../common/validators';
import { AbcClass } from '../customers/customer.enums';

@ObjectType({ description: 'What one run of the ABC classification (recomputeClasses) found and changed.' })
export class ClassificationRun {
  @Field(() => Int, { description: 'Approved, live archives ranked' }) ranked: number;
  @Field(() => Int, { description: 'Archives whose class this run changed' }) changed: number;
  @Field(() => Int, { description: 'Ranked archives now in class A' }) classA: number;
  @Field(() => Int) classB: number;
  @Field(() => Int) classC: number;
  @Field(() => Int, { description: "Ranked archives whose class is a manager's override (left as they are)" })
  overridden: number;
  @Field({ description: 'Trades after this time counted' }) windowFrom: Date;
  @Field({ description: 'Trades up to this time counted' }) windowTo: Date;
}

@ArgsType()
export class OverrideClassArgs {
  @Field(() => ID, { description: 'An approved, live archive (ACTIVE or DORMANT)' }) @IsId() customerId: string;
  @Field(() => AbcClass, { description: 'The class it is to have' }) @IsEnum(AbcClass) class: AbcClass;
  @Field({ description: 'Why (5 to 255 characters): kept as abcOverrideReason and in the history' })
  @IsText(255)
  reason: string;
}

import { ArgsType, Field, ID } from 'type-graphql';
import { Length, MaxLength } from 'class-validator';

@ArgsType()
export class HandOverArgs {
  @Field(() => ID, { description: 'The leaving employee' }) @MaxLength(64) fromUserId: string;
  @Field(() => ID, { description: 'The employee who takes over (must be active)' }) @MaxLength(64) toUserId: string;
  @Field({ description: 'Why (5 to 500 characters)' }) @Length(5, 500) reason: string;
}

@ArgsType()
export class DeactivateUserArgs {
  @Field(() => ID) @MaxLength(64) userId: string;
}

import { ArgsType, Field, ID } from 'type-graphql';
import { IsId, IsText } from '../common/validators';

@ArgsType()
export class HandOverArgs {
  @Field(() => ID, { description: 'The leaving employee' }) @IsId() fromUserId: string;
  @Field(() => ID, { description: 'The employee who takes over (must be active)' }) @IsId() toUserId: string;
  @Field({ description: 'Why (5 to 500 characters)' }) @IsText(500) reason: string;
}

@ArgsType()
export class DeactivateUserArgs {
  @Field(() => ID) @IsId() userId: string;
}

import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsInt, Min } from 'class-validator';
import { IsId, IsLine, IsLocalDate } from '../common/validators';

@ArgsType()
export class RenameCustomerArgs {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int, { description: 'The version last read: a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
  @Field({ description: 'The new registered name' }) @IsLine(128) newName: string;
  @Field({ description: 'The day the new name takes effect (YYYY-MM-DD); the old one is kept until the day before' })
  @IsLocalDate()
  effectiveOn: string;
  @Field({ description: 'The supporting document: 更名通知, contract or business-licence reference' })
  @IsLine(128)
  documentRef: string;
}

import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsId, IsLine, IsText } from '../common/validators';

@ArgsType()
export class EndRelationshipArgs {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int, { description: 'The version last read: a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
  @Field({ description: 'Why the relationship ends (5 to 500 characters)' }) @IsText(500) reason: string;
}

@ArgsType()
export class ProposeDestructionArgs {
  @Field(() => ID) @IsId() customerId: string;
  @Field({ description: 'Why (5 to 500 characters)' }) @IsText(500) reason: string;
  @Field(() => String, {
    nullable: true,
    description: 'How the data is destroyed; irreversible erasure in the database when not given',
  })
  @IsOptional()
  @IsLine(200)
  method?: string;
}

@ArgsType()
export class DecideDestructionArgs {
  @Field(() => ID) @IsId() id: string;
}

@ArgsType()
export class RejectDestructionArgs extends DecideDestructionArgs {
  @Field({ description: 'Why (5 to 500 characters)' }) @IsText(500) note: string;
}

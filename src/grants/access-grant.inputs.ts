import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, Length, Min } from 'class-validator';
import { IsBusinessTime, IsId, IsLine, IsText } from '../common/validators';
import { GrantStatus } from './access-grant.entity';

/** Longest an access grant may run, counted from the request. */
export const MAX_GRANT_DAYS = 30;
/** Open (REQUESTED) requests one user may have at a time, so the table cannot be flooded. */
export const MAX_OPEN_REQUESTS = 5;

@InputType({
  description: 'Ask to see one archive you cannot see (借阅). The answer is the same whether or not the number exists.',
})
export class RequestAccessInput {
  @Field({ description: 'The archive number (档案编号) asked for' }) @IsLine(32) archiveNo: string;
  @Field({ description: 'Why access is needed (5 to 500 characters)' }) @IsText(500) @Length(5, 500) reason: string;
  @Field(() => Date, { description: `When access should end: in the future, at most ${MAX_GRANT_DAYS} days from now` })
  @IsBusinessTime()
  endsAt: Date;
}

/** approveAccess: the request as last read. */
@ArgsType()
export class DecideAccessArgs {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int, { description: 'The version last read: a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
}

/** rejectAccess and revokeAccess: the request as last read and why. */
@ArgsType()
export class EndAccessArgs extends DecideAccessArgs {
  @Field({ description: 'Why (shown to the requester)' }) @IsText(500) note: string;
}

@InputType()
export class AccessGrantFilter {
  @Field(() => [GrantStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsEnum(GrantStatus, { each: true })
  status?: GrantStatus[];
  @Field(() => ID, { nullable: true, description: 'Requests of this employee' }) @IsOptional() @IsId() userId?: string;
}

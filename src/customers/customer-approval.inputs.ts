import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsInt, Min } from 'class-validator';
import { IsId, IsText } from '../common/validators';

/** approveArchive: the draft as last read. */
@ArgsType()
export class DecideArchiveArgs {
  @Field(() => ID) @IsId() id: string;
  @Field(() => Int, { description: 'The version last read: a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
}

/** rejectArchive: the draft as last read, and why. */
@ArgsType()
export class RejectArchiveArgs extends DecideArchiveArgs {
  @Field({ description: 'Why the draft is rejected (5 to 500 characters), shown on the archive' })
  @IsText(500)
  reason: string;
}

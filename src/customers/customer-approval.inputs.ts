import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsInt, Length, MaxLength, Min } from 'class-validator';

/** approveArchive: the draft as last read. */
@ArgsType()
export class DecideArchiveArgs {
  @Field(() => ID) @MaxLength(64) id: string;
  @Field(() => Int, { description: 'The version last read: a stale one is refused with CONFLICT.' }) @IsInt() @Min(1) version: number;
}

/** rejectArchive: the draft as last read, and why. */
@ArgsType()
export class RejectArchiveArgs extends DecideArchiveArgs {
  @Field({ description: 'Why the draft is rejected (5 to 500 characters), shown on the archive' }) @Length(5, 500) reason: string;
}

import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { IsCursor, IsId } from '../common/validators';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../common/connection';
import type { Context } from '../auth/context';
import { cursorOf, toRecordChange } from './hydrate';
import { ChangeSubscription, CREDENTIAL_ENDED, CURSOR_GONE, FeedItem } from './delivery';
import { credentialEnded, cursorExpired } from '../common/errors';
import { readableFields } from '../auth/readable-fields';
import { RecordChange, RecordChangeConnection, RecordTypeName } from './record-change.types';

@ArgsType()
class ChangesArgs {
  @Field(() => String, { nullable: true, description: 'Cursor of the last change already seen.' })
  @IsOptional() @IsCursor()
  after?: string;

  @Field(() => Int, { nullable: true, description: `At most ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when not given.` })
  @IsOptional() @Min(0) @Max(MAX_PAGE_SIZE)
  first?: number;
}

@ArgsType()
class RecordChangedArgs {
  @Field(() => [RecordTypeName], { nullable: true }) types?: RecordTypeName[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId() customerId?: string;
  @Field(() => String, { nullable: true, description: 'Replay every change after this cursor, then go live.' })
  @IsOptional() @IsCursor()
  after?: string;
}

@Resolver(() => RecordChange)
export class ChangeResolver {
  @Query(() => RecordChangeConnection, { description: 'The change feed for polling clients, oldest first; CURSOR_EXPIRED past retention.' })
  async changes(@Args() { after, first }: ChangesArgs, @Ctx() ctx: Context): Promise<RecordChangeConnection> {
    const { changeFeed } = ctx.services;
    const from = await changeFeed.resumeFrom(after);
    const size = first ?? DEFAULT_PAGE_SIZE;
    const rows = await changeFeed.visible(ctx.viewer, from, size + 1);
    const edges = rows.slice(0, size).map((e) => ({ cursor: cursorOf(e.seq), node: toRecordChange(changeFeed.ds, e) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, hasPreviousPage: from > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? after ?? null },
    };
  }

  @Subscription(() => RecordChange, {
    description: 'Committed changes the caller may see, in commit order; with `after`, replays what was missed first.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const a = args as RecordChangedArgs;
      const from = a.after == null ? null : await ctx.services.changeFeed.resumeFrom(a.after);
      const { changeFeed: feed, relay, credentialHolds } = ctx.services;
      return new ChangeSubscription({ feed, bus: relay.bus, publishedSeq: () => relay.publishedSeq, credentialHolds }, ctx.viewer, a, from);
    },
  })
  recordChanged(@Root() item: FeedItem, @Args() _args: RecordChangedArgs, @Ctx() ctx: Context): RecordChange {
    if (item === CREDENTIAL_ENDED) throw credentialEnded();
    if (item === CURSOR_GONE) throw cursorExpired();
    return toRecordChange(ctx.services.changeFeed.ds, item);
  }

  @FieldResolver(() => [String], {
    description: 'Fields the change set (every field for CREATED), as far as the caller may read them: a field whose value it may not read is not named.',
  })
  changedFields(@Root() change: RecordChange, @Ctx() ctx: Context): string[] | Promise<string[]> {
    return change.record ? readableFields(ctx, change.recordType, change.record, change.fields) : [];
  }
}

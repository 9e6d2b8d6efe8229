import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import { IsCursor, IsId } from '../common/validators';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../common/connection';
import type { Context } from '../auth/context';
import { cursorOf, toRecordChange } from './hydrate';
import { ChangeSubscription, Checkpoint, CREDENTIAL_ENDED, CURSOR_AHEAD, CURSOR_GONE, FeedItem } from './delivery';
import { credentialEnded, cursorAhead, cursorExpired } from '../common/errors';
import { readableFields } from '../auth/readable-fields';
import {
  ChangeCheckpoint,
  ChangeFeedItem,
  RecordChange,
  RecordChangeConnection,
  RecordTypeName,
} from './record-change.types';

@ArgsType()
class ChangesArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last change already seen, or the `endCursor` of the last page.',
  })
  @IsOptional()
  @IsCursor()
  after?: string;

  @Field(() => Int, { nullable: true, description: `At most ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when not given.` })
  @IsOptional()
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number;
}

@ArgsType()
class RecordChangedArgs {
  @Field(() => [RecordTypeName], { nullable: true }) types?: RecordTypeName[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsId() customerId?: string;
  @Field(() => String, { nullable: true, description: 'Replay every change after this cursor, then go live.' })
  @IsOptional()
  @IsCursor()
  after?: string;
}

/** The subscription's source: `checkpoints` for changeFeed. Arguments are checked here, so a bad `after` is that operation's error. */
async function subscribe(context: unknown, args: unknown, checkpoints: boolean): Promise<ChangeSubscription> {
  const ctx = context as Context;
  const a = args as RecordChangedArgs;
  const { changeFeed: feed, relay, credentialHolds } = ctx.services;
  const from = a.after == null ? null : await feed.resumeFrom(a.after);
  return new ChangeSubscription(
    { feed, bus: relay.bus, publishedSeq: () => relay.publishedSeq, credentialHolds },
    ctx.viewer,
    a,
    from,
    checkpoints,
  );
}

/** A delivered item as the value of the subscription field; the end markers answer their error. */
function itemValue(ctx: Context, item: FeedItem): RecordChange | ChangeCheckpoint {
  if (item === CREDENTIAL_ENDED) throw credentialEnded();
  if (item === CURSOR_GONE) throw cursorExpired();
  if (item === CURSOR_AHEAD) throw cursorAhead();
  if (item instanceof Checkpoint) return new ChangeCheckpoint(cursorOf(item.seq), item.at);
  return toRecordChange(ctx.services.changeFeed.ds, item);
}

@Resolver(() => RecordChange)
export class ChangeResolver {
  @Query(() => RecordChangeConnection, {
    description:
      'The change feed for polling clients, oldest first. `pageInfo.endCursor` is where to go on from: past changes the caller may not see too, ' +
      'so it moves with the feed even when a page has no edges. CURSOR_EXPIRED past retention, CURSOR_UNKNOWN past the newest change.',
  })
  async changes(@Args() { after, first }: ChangesArgs, @Ctx() ctx: Context): Promise<RecordChangeConnection> {
    const { changeFeed } = ctx.services;
    const page = await changeFeed.page(ctx.viewer, after, first ?? DEFAULT_PAGE_SIZE);
    const edges = page.events.map((e) => ({ cursor: cursorOf(e.seq), node: toRecordChange(changeFeed.ds, e) }));
    return {
      edges,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: page.from > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: cursorOf(page.endSeq),
      },
    };
  }

  @Query(() => String, {
    description:
      'The newest cursor: pass it as `after` to `changes`, `recordChanged` or `changeFeed` to start from now without paging through the feed. Opaque, like every cursor.',
  })
  async changesHead(@Ctx() ctx: Context): Promise<string> {
    return cursorOf(await ctx.services.changeFeed.head());
  }

  @Subscription(() => RecordChange, {
    description: 'Committed changes the caller may see, in commit order; with `after`, replays what was missed first.',
    subscribe: ({ args, context }) => subscribe(context, args, false),
  })
  recordChanged(@Root() item: FeedItem, @Args() _args: RecordChangedArgs, @Ctx() ctx: Context): RecordChange {
    return itemValue(ctx, item) as RecordChange;
  }

  @Subscription(() => ChangeFeedItem, {
    description:
      'What recordChanged sends, plus a ChangeCheckpoint when the cursor has moved past changes the caller may not see (at once, then at most ' +
      'every CHANGE_CHECKPOINT_SECONDS): resume from the last cursor received, change or checkpoint, and a subscriber that sees few changes never falls out of retention.',
    subscribe: ({ args, context }) => subscribe(context, args, true),
  })
  changeFeed(
    @Root() item: FeedItem,
    @Args() _args: RecordChangedArgs,
    @Ctx() ctx: Context,
  ): RecordChange | ChangeCheckpoint {
    return itemValue(ctx, item);
  }

  @FieldResolver(() => [String], {
    description:
      'Fields the change set (every field for CREATED), as far as the caller may read them: a field whose value it may not read is not named.',
  })
  changedFields(@Root() change: RecordChange, @Ctx() ctx: Context): string[] | Promise<string[]> {
    return change.record ? readableFields(ctx, change.recordType, change.record, change.fields) : [];
  }
}

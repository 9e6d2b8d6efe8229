import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { HistoryArgs, HistoryConnection, HistoryEntry } from './history.types';

@Resolver(() => HistoryEntry)
export class HistoryResolver {
  @Query(() => HistoryConnection, {
    description:
      "A record's lasting change history (追溯), newest first: who, when, why, and old and new values of the fields the caller may read, personal data masked as for queries. Empty for a record the caller cannot see.",
  })
  history(@Args() { recordId, ...page }: HistoryArgs, @Ctx() ctx: Context) {
    return ctx.services.history.history(ctx, recordId, page);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The employee who made the change, when the actor is one' })
  actorUser(@Root() entry: HistoryEntry, @Ctx() ctx: Context) {
    return entry.actorUserId ? ctx.services.users.load(ctx, entry.actorUserId) : null;
  }
}

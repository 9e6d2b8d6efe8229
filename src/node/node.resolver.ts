import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Node } from '../common/base.entity';
import { parseGlobalId } from '../common/global-id';
import type { Context } from '../auth/context';

type Fetch = (ctx: Context, globalId: string) => Promise<Node | null>;

/**
 * node(id) goes through each type's own scoped lookup, so it can reveal nothing the lookup
 * would not. A Map, not an object: a type name like "constructor" must find nothing.
 */
const FETCHERS = new Map<string, Fetch>([
  ['Customer', (ctx, id) => ctx.services.customers.get(ctx.viewer, id)],
  ['User', (ctx, id) => ctx.services.users.get(ctx, id)],
  ['Trade', (ctx, id) => ctx.services.trades.get(ctx.viewer, id)],
  ['Contact', (ctx, id) => ctx.services.contacts.get(ctx.viewer, id)],
  ['Complaint', (ctx, id) => ctx.services.complaints.get(ctx.viewer, id)],
  ['Visit', (ctx, id) => ctx.services.visits.get(ctx.viewer, id)],
  ['Survey', (ctx, id) => ctx.services.surveys.get(ctx.viewer, id)],
  ['AccessGrant', (ctx, id) => ctx.services.grants.get(ctx.viewer, id)],
  ['CreditOverride', (ctx, id) => ctx.services.creditOverrides.get(ctx.viewer, id)],
  ['CreditLimitRaise', (ctx, id) => ctx.services.creditLimits.get(ctx.viewer, id)],
]);

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any record by its global id; null when missing or not visible.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const parsed = parseGlobalId(id);
    const fetch = parsed && FETCHERS.get(parsed.type);
    return fetch ? fetch(ctx, id) : null;
  }
}

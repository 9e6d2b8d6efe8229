import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { Trade } from './trade.entity';
import { CancelTradeArgs, CreateTradeInput, UpdateTradeInput } from './trade.inputs';
import { TradeConnection, TradeListArgs } from './trade.types';

@Resolver(() => Trade)
export class TradeResolver {
  @Query(() => TradeConnection, { description: 'Trades of the customers the caller may see; newest first by default.' })
  trades(@Args() { filter, orderBy, where, ...page }: TradeListArgs, @Ctx() ctx: Context) {
    return ctx.services.trades.list(ctx.viewer, page, filter, orderBy, where);
  }

  @Query(() => Trade, { nullable: true, description: 'Null when missing or not visible to the caller.' })
  trade(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.trades.get(ctx.viewer, id);
  }

  @Mutation(() => Trade)
  createTrade(@Arg('input') input: CreateTradeInput, @Ctx() ctx: Context) {
    return ctx.services.trades.create(ctx, input);
  }

  @Mutation(() => Trade)
  updateTrade(@Arg('input') input: UpdateTradeInput, @Ctx() ctx: Context) {
    return ctx.services.trades.update(ctx, input);
  }

  @Mutation(() => Trade, {
    description:
      'Cancels a trade: it stays on file (cancelledAt, cancelledBy, cancellationReason) but no longer counts in the balance or the ' +
      'statistics, which are recomputed exactly. For whoever may change the trade; a cancelled trade cannot be changed again.',
  })
  cancelTrade(@Args() args: CancelTradeArgs, @Ctx() ctx: Context) {
    return ctx.services.trades.cancel(ctx, args);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who cancelled it' })
  cancelledBy(@Root() trade: Trade, @Ctx() ctx: Context) {
    return trade.cancelledById ? ctx.services.users.load(ctx, trade.cancelledById) : null;
  }

  // Non-null: a trade is visible only when its customer is (scopeByCustomer).
  @FieldResolver(() => Customer)
  customer(@Root() trade: Trade, @Ctx() ctx: Context) {
    return ctx.services.customers.load(ctx, trade.customerId);
  }

  @FieldResolver(() => User, { nullable: true, description: '交易负责人' })
  handler(@Root() trade: Trade, @Ctx() ctx: Context) {
    return trade.handlerId ? ctx.services.users.load(ctx, trade.handlerId) : null;
  }
}

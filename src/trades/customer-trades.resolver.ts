import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { askedFields } from '../common/selection';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { TradeConnection, CustomerTradesArgs } from './trade.types';

/** Customer.trades lives with trades, so the customers folder need not know about them. */
@Resolver(() => Customer)
export class CustomerTradesResolver {
  @FieldResolver(() => TradeConnection, {
    description: "The customer's trades, newest first unless ordered otherwise.",
  })
  trades(
    @Root() customer: Customer,
    @Args() { orderBy, ...page }: CustomerTradesArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.trades.ofCustomer(ctx, customer.id, page, orderBy, askedFields(info, true));
  }
}

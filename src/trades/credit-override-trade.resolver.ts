import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CreditOverride } from '../credit/credit-override.entity';
import type { Context } from '../auth/context';
import { Trade } from './trade.entity';

/** CreditOverride.usedByTrade lives with trades, so the credit folder need not know about them. */
@Resolver(() => CreditOverride)
export class CreditOverrideTradeResolver {
  @FieldResolver(() => Trade, {
    nullable: true,
    description: 'The credit order that used it (while the caller may see it).',
  })
  usedByTrade(@Root() o: CreditOverride, @Ctx() ctx: Context) {
    return o.usedByTradeId ? ctx.services.trades.load(ctx, o.usedByTradeId) : null;
  }
}

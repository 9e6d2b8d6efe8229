import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../auth/context';
import { CreditRequestResolver } from './credit-request.resolver';
import { CreditOverride, isUsable } from './credit-override.entity';
import {
  CreditOverrideListArgs,
  DecideCreditArgs,
  RejectCreditArgs,
  RequestCreditOverrideInput,
} from './credit.inputs';
import { CreditOverrideConnection } from './credit.types';

@Resolver(() => CreditOverride)
export class CreditOverrideResolver extends CreditRequestResolver(CreditOverride) {
  @Query(() => CreditOverrideConnection, {
    description:
      'Credit overrides, newest first: all of the visible archives for roles that read credit fields, otherwise your own requests.',
  })
  creditOverrides(@Args() { filter, ...page }: CreditOverrideListArgs, @Ctx() ctx: Context) {
    return ctx.services.creditOverrides.list(ctx.viewer, page, filter);
  }

  @Mutation(() => CreditOverride, {
    description:
      "Asks a general manager to let one credit order of at most `amount` through the credit limit or a new customer's cash-only month. " +
      'Roles that record orders or payments for the customer (a sales_rep: its own customers).',
  })
  requestCreditOverride(@Arg('input') input: RequestCreditOverrideInput, @Ctx() ctx: Context) {
    return ctx.services.creditOverrides.request(ctx.viewer, input);
  }

  @Mutation(() => CreditOverride, {
    description:
      'REQUESTED → APPROVED: usable by one credit order of the customer for CREDIT_OVERRIDE_DAYS. Never your own request. Role: general_manager.',
  })
  approveCreditOverride(@Args() args: DecideCreditArgs, @Ctx() ctx: Context) {
    return ctx.services.creditOverrides.approve(ctx.viewer, args);
  }

  @Mutation(() => CreditOverride, {
    description: 'REQUESTED → REJECTED, with a note. Never your own request. Role: general_manager.',
  })
  rejectCreditOverride(@Args() args: RejectCreditArgs, @Ctx() ctx: Context) {
    return ctx.services.creditOverrides.reject(ctx.viewer, args);
  }

  @FieldResolver(() => Boolean, { description: 'APPROVED and not expired: an order may name it now.' })
  usable(@Root() o: CreditOverride, @Ctx() ctx: Context) {
    return isUsable(o, ctx.services.clock());
  }
}

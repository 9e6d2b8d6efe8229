import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../auth/context';
import { CreditRequestResolver } from './credit-request.resolver';
import { CreditLimitRaise } from './credit-limit-raise.entity';
import {
  CreditLimitRaiseListArgs,
  DecideCreditArgs,
  RejectCreditArgs,
  RequestCreditLimitRaiseInput,
} from './credit.inputs';
import { CreditLimitRaiseConnection } from './credit.types';

@Resolver(() => CreditLimitRaise)
export class CreditLimitResolver extends CreditRequestResolver(CreditLimitRaise) {
  @Query(() => CreditLimitRaiseConnection, {
    description:
      'Credit limit raise requests, newest first: all of the visible archives for roles that read credit fields, otherwise your own.',
  })
  creditLimitRaises(@Args() { filter, ...page }: CreditLimitRaiseListArgs, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.list(ctx.viewer, page, filter);
  }

  @Mutation(() => CreditLimitRaise, {
    description:
      "Asks a general manager to raise a customer's credit limit. Roles that record orders or payments for the customer (a sales_rep: its own customers).",
  })
  requestCreditLimitRaise(@Arg('input') input: RequestCreditLimitRaiseInput, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.request(ctx.viewer, input);
  }

  @Mutation(() => CreditLimitRaise, {
    description:
      "REQUESTED → APPROVED: sets the customer's credit limit to newLimit. Never your own request. Role: general_manager.",
  })
  approveCreditLimitRaise(@Args() args: DecideCreditArgs, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.approve(ctx.viewer, args);
  }

  @Mutation(() => CreditLimitRaise, {
    description: 'REQUESTED → REJECTED, with a note. Never your own request. Role: general_manager.',
  })
  rejectCreditLimitRaise(@Args() args: RejectCreditArgs, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.reject(ctx.viewer, args);
  }
}

import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../common/connection';
import { Customer } from '../customers/customer.entity';
import { CustomerConnection } from '../customers/customer.types';
import type { Context } from '../server/context';
import { CreditRequestResolver } from './credit-request.resolver';
import { CreditLimitRaise } from './credit-limit-raise.entity';
import { CreditLimitRaiseListArgs, DecideCreditArgs, RecordCreditReviewInput, RejectCreditArgs, RequestCreditLimitRaiseInput } from './credit.inputs';
import { CreditLimitRaiseConnection } from './credit.types';

@Resolver(() => CreditLimitRaise)
export class CreditLimitResolver extends CreditRequestResolver(CreditLimitRaise) {
  @Query(() => CreditLimitRaiseConnection, {
    description: 'Credit limit raise requests, newest first: all of the visible archives for roles that read credit fields, otherwise your own.',
  })
  creditLimitRaises(@Args() { filter, ...page }: CreditLimitRaiseListArgs, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.list(ctx.viewer, page, filter);
  }

  @Query(() => CustomerConnection, {
    description: 'Approved archives whose credit review (季度考核) is due: never reviewed, or not within CREDIT_REVIEW_MONTHS. Oldest archive first.',
  })
  creditReviewsDue(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.reviewsDue(ctx.viewer, page);
  }

  @Mutation(() => CreditLimitRaise, {
    description: "Asks a general manager to raise a customer's credit limit. Roles that record orders or payments for the customer (a sales_rep: its own customers).",
  })
  requestCreditLimitRaise(@Arg('input') input: RequestCreditLimitRaiseInput, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.request(ctx.viewer, input);
  }

  @Mutation(() => CreditLimitRaise, { description: "REQUESTED → APPROVED: sets the customer's credit limit to newLimit. Never your own request. Role: general_manager." })
  approveCreditLimitRaise(@Args() args: DecideCreditArgs, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.approve(ctx.viewer, args);
  }

  @Mutation(() => CreditLimitRaise, { description: 'REQUESTED → REJECTED, with a note. Never your own request. Role: general_manager.' })
  rejectCreditLimitRaise(@Args() args: RejectCreditArgs, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.reject(ctx.viewer, args);
  }

  @Mutation(() => Customer, { description: 'Records the quarterly credit review (季度考核) and sets lastCreditReviewAt. The limit may not go up here. Role: finance.' })
  recordCreditReview(@Arg('input') input: RecordCreditReviewInput, @Ctx() ctx: Context) {
    return ctx.services.creditLimits.recordReview(ctx.viewer, input);
  }
}

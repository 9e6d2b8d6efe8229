import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../common/connection';
import { Customer } from '../customers/customer.entity';
import { CustomerConnection } from '../customers/customer.types';
import type { Context } from '../auth/context';
import { RecordCreditReviewInput } from './credit.inputs';

/** 季度考核: the reviews due, and recording one. */
@Resolver()
export class CreditReviewResolver {
  @Query(() => CustomerConnection, {
    description:
      'Approved archives whose credit review (季度考核) is due: never reviewed, or not within CREDIT_REVIEW_MONTHS. Oldest archive first.',
  })
  creditReviewsDue(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.creditReviews.due(ctx.viewer, page);
  }

  @Mutation(() => Customer, {
    description:
      'Records the quarterly credit review (季度考核) and sets lastCreditReviewAt. The limit may not go up here. Role: finance.',
  })
  recordCreditReview(@Arg('input') input: RecordCreditReviewInput, @Ctx() ctx: Context) {
    return ctx.services.creditReviews.record(ctx.viewer, input);
  }
}

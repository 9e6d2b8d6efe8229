import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { SurveyConnection } from './survey.types';

/** Customer.surveys lives with surveys, so the customers feature need not know about them. */
@Resolver(() => Customer)
export class CustomerSurveysResolver {
  @FieldResolver(() => SurveyConnection, { description: "This customer's satisfaction surveys, newest first." })
  surveys(@Root() customer: Customer, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.surveys.ofCustomer(ctx, customer.id, page);
  }
}

import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { askedFields } from '../common/selection';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { ComplaintConnection, ComplaintPageArgs } from './complaint.types';

/** Customer.complaints lives with complaints, so the customers feature need not know about them. */
@Resolver(() => Customer)
export class CustomerComplaintsResolver {
  @FieldResolver(() => ComplaintConnection, {
    description: "This customer's complaints (newest first unless ordered otherwise).",
  })
  complaints(
    @Root() customer: Customer,
    @Args() { orderBy, ...page }: ComplaintPageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.complaints.ofCustomer(ctx, customer.id, page, orderBy, askedFields(info, true));
  }
}

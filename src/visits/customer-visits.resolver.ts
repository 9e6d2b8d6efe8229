import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { askedFields } from '../common/selection';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { VisitConnection, VisitPageArgs } from './visit.types';

/** Customer.visits lives with visits, so the customers feature need not know about them. */
@Resolver(() => Customer)
export class CustomerVisitsResolver {
  @FieldResolver(() => VisitConnection, {
    description: 'Touches with this customer (latest planned first unless ordered otherwise).',
  })
  visits(
    @Root() customer: Customer,
    @Args() { orderBy, ...page }: VisitPageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.visits.ofCustomer(ctx, customer.id, page, orderBy, askedFields(info, true));
  }
}

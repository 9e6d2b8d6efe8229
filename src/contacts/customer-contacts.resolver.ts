import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { askedFields } from '../common/selection';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { ContactConnection, ContactPageArgs } from './contact.types';

/** Customer.contacts lives with contacts, so the customers feature need not know about them. */
@Resolver(() => Customer)
export class CustomerContactsResolver {
  @FieldResolver(() => ContactConnection, {
    description: "This customer's contacts (by name unless ordered otherwise).",
  })
  contacts(
    @Root() customer: Customer,
    @Args() { orderBy, ...page }: ContactPageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.contacts.ofCustomer(ctx, customer.id, page, orderBy, askedFields(info, true));
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { Contact } from './contact.entity';
import { CreateContactInput, UpdateContactInput } from './contact.inputs';
import { ContactConnection, ContactListArgs } from './contact.types';

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => ContactConnection, { description: 'Contacts of the archives the caller may see.' })
  contacts(@Args() { filter, orderBy, where, ...page }: ContactListArgs, @Ctx() ctx: Context) {
    return ctx.services.contacts.list(ctx.viewer, page, filter, orderBy, where);
  }

  @Query(() => Contact, { nullable: true, description: 'Null when missing or not visible to the caller.' })
  contact(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.contacts.get(ctx.viewer, id);
  }

  @Mutation(() => Contact)
  createContact(@Arg('input') input: CreateContactInput, @Ctx() ctx: Context) {
    return ctx.services.contacts.create(ctx.viewer, input);
  }

  @Mutation(() => Contact)
  updateContact(@Arg('input') input: UpdateContactInput, @Ctx() ctx: Context) {
    return ctx.services.contacts.update(ctx.viewer, input);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() contact: Contact, @Ctx() ctx: Context) {
    return ctx.services.customers.load(ctx, contact.customerId);
  }
}

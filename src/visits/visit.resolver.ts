import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { Visit } from './visit.entity';
import { CreateVisitInput, UpdateVisitInput } from './visit.inputs';
import { VisitConnection, VisitListArgs } from './visit.types';

@Resolver(() => Visit)
export class VisitResolver {
  @Query(() => VisitConnection, { description: 'Visits and other touches with the archives the caller may see.' })
  visits(@Args() { filter, orderBy, where, ...page }: VisitListArgs, @Ctx() ctx: Context) {
    return ctx.services.visits.list(ctx.viewer, page, filter, orderBy, where);
  }

  @Query(() => Visit, { nullable: true, description: 'Null when missing or not visible to the caller.' })
  visit(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.visits.get(ctx.viewer, id);
  }

  @Mutation(() => Visit)
  createVisit(@Arg('input') input: CreateVisitInput, @Ctx() ctx: Context) {
    return ctx.services.visits.create(ctx.viewer, input);
  }

  @Mutation(() => Visit)
  updateVisit(@Arg('input') input: UpdateVisitInput, @Ctx() ctx: Context) {
    return ctx.services.visits.update(ctx.viewer, input);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() visit: Visit, @Ctx() ctx: Context) {
    return ctx.services.customers.load(ctx, visit.customerId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who was met, called or greeted.' })
  contact(@Root() visit: Visit, @Ctx() ctx: Context) {
    return visit.contactId ? ctx.services.contacts.load(ctx, visit.contactId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The employee who made (or will make) it.' })
  user(@Root() visit: Visit, @Ctx() ctx: Context) {
    return ctx.services.users.load(ctx, visit.userId);
  }
}

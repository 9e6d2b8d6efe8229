import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { askedFields } from '../common/selection';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { Customer } from './customer.entity';
import { CreateCustomerInput, UpdateCustomerInput } from './customer.inputs';
import { CustomerConnection, CustomerListArgs } from './customer.types';

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: 'Archives the caller may see.' })
  customers(
    @Args() { filter, orderBy, where, ...page }: CustomerListArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.customers.list(ctx.viewer, page, filter, orderBy, where, askedFields(info, true));
  }

  @Query(() => Customer, { nullable: true, description: 'Null when missing or not visible to the caller.' })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return ctx.services.customers.get(ctx.viewer, id, askedFields(info, false));
  }

  @Mutation(() => Customer)
  createCustomer(@Arg('input') input: CreateCustomerInput, @Ctx() ctx: Context) {
    return ctx.services.customers.create(ctx.viewer, input);
  }

  @Mutation(() => Customer)
  updateCustomer(@Arg('input') input: UpdateCustomerInput, @Ctx() ctx: Context) {
    return ctx.services.customers.update(ctx.viewer, input);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The responsible sales rep (业务员).' })
  owner(@Root() customer: Customer, @Ctx() ctx: Context) {
    return customer.ownerId ? ctx.services.users.load(ctx, customer.ownerId) : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Who created the archive (建档人); null for archives from before this was recorded.',
  })
  createdBy(@Root() customer: Customer, @Ctx() ctx: Context) {
    return customer.createdById ? ctx.services.users.load(ctx, customer.createdById) : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The manager who approved the draft (建档审批); set only by approveArchive.',
  })
  approvedBy(@Root() customer: Customer, @Ctx() ctx: Context) {
    return customer.approvedById ? ctx.services.users.load(ctx, customer.approvedById) : null;
  }
}

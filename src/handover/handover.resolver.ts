import { Args, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
import { CustomerConnection } from '../customers/customer.types';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { Handover } from './handover.entity';
import { DeactivateUserArgs, HandOverArgs } from './handover.inputs';

@ObjectType()
export class HandoverConnection extends Connection(Handover) {}

@Resolver(() => Handover)
export class HandoverResolver {
  @Mutation(() => Handover, {
    description:
      '员工调离: moves every archive of fromUserId, and their planned visits, to toUserId in one step with one handover entry. Roles: sales_manager, general_manager.',
  })
  handOverCustomers(@Args() args: HandOverArgs, @Ctx() ctx: Context) {
    return ctx.services.handovers.handOver(ctx.viewer, args);
  }

  @Mutation(() => User, {
    description:
      'Marks an employee as left: nobody can assign archives to them and their tokens are refused. Refused while they still own archives. Roles: sales_manager, general_manager.',
  })
  deactivateUser(@Args() args: DeactivateUserArgs, @Ctx() ctx: Context) {
    return ctx.services.handovers.deactivate(ctx.viewer, args);
  }

  @Query(() => HandoverConnection, { description: 'Handovers, newest first. Roles: sales_manager, general_manager.' })
  handovers(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.handovers.list(ctx.viewer, page);
  }

  @FieldResolver(() => User, { nullable: true }) from(@Root() h: Handover, @Ctx() ctx: Context) {
    return ctx.services.users.load(ctx, h.fromUserId);
  }

  @FieldResolver(() => User, { nullable: true }) to(@Root() h: Handover, @Ctx() ctx: Context) {
    return ctx.services.users.load(ctx, h.toUserId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The manager who did it' }) handedOverBy(
    @Root() h: Handover,
    @Ctx() ctx: Context,
  ) {
    return h.byUserId ? ctx.services.users.load(ctx, h.byUserId) : null;
  }

  @FieldResolver(() => CustomerConnection, {
    description: 'The archives that moved, those the caller may see, by archive number.',
  })
  archives(@Root() h: Handover, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.handovers.archives(ctx.viewer, h.id, page);
  }
}

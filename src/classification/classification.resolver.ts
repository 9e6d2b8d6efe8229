import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { ClassificationRun, OverrideClassArgs } from './classification.types';

/** ABC分类: recomputing the classes, and a manager's override of one. */
@Resolver(() => Customer)
export class ClassificationResolver {
  @Mutation(() => ClassificationRun, {
    description:
      'Ranks approved, live archives by trade value over the last 12 months (orders minus returns, cancelled trades left out): ' +
      'top 20 % A, next 40 % B, the rest C (ABC_SHARES); archives with an override keep their class. ' +
      'Schedulers run the same with npm run jobs -- classify.',
  })
  recomputeClasses(@Ctx() ctx: Context) {
    return ctx.services.classification.recompute(ctx.viewer);
  }

  @Mutation(() => Customer, {
    description: "Sets a customer's class with a reason; it stands over recomputeClasses until clearClassOverride.",
  })
  overrideClass(@Args() { customerId, class: abcClass, reason }: OverrideClassArgs, @Ctx() ctx: Context) {
    return ctx.services.classification.override(ctx.viewer, customerId, abcClass, reason);
  }

  @Mutation(() => Customer, {
    description: "Removes a manager's class override: the customer gets the class the ranking gives it now.",
  })
  clearClassOverride(@Arg('customerId', () => ID) customerId: string, @Ctx() ctx: Context) {
    return ctx.services.classification.clearOverride(ctx.viewer, customerId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The manager who overrode the class; null when computed.' })
  abcOverriddenBy(@Root() customer: Customer, @Ctx() ctx: Context) {
    return customer.abcOverriddenById ? ctx.services.users.load(ctx, customer.abcOverriddenById) : null;
  }
}

import { Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity';
import { CustomerConnection } from '../customers/customer.types';
import type { Context } from '../auth/context';
import { VisitKind } from '../visits/visit.enums';
import { OverdueFollowUp, OwnerListArgs } from './cadence.types';

const DAY_MS = 86_400_000;
const past = (due: Date | null, now: Date) => due !== null && new Date(due).getTime() <= now.getTime();

/** 回访 and 业务下滑提醒: the owner's worklists, and what each customer is owed now. */
@Resolver(() => Customer)
export class CadenceResolver {
  @Query(() => CustomerConnection, {
    description:
      "An owner's ACTIVE customers whose last call or last visit is older than their class allows (CALL_EVERY_DAYS, VISIT_EVERY_MONTHS), " +
      'longest overdue first; overdueTouches on each says what and since when. A call or visit that happened clears it.',
  })
  overdueFollowUps(@Args() { ownerId, ...page }: OwnerListArgs, @Ctx() ctx: Context) {
    return ctx.services.cadence.overdueFollowUps(ctx.viewer, page, ownerId);
  }

  @Query(() => CustomerConnection, {
    description:
      "An owner's ACTIVE customers with no order within their purchase cycle since the last one (业务下滑提醒), longest overdue first; " +
      'daysSinceLastOrder on each says for how long.',
  })
  decliningCustomers(@Args() { ownerId, ...page }: OwnerListArgs, @Ctx() ctx: Context) {
    return ctx.services.cadence.declining(ctx.viewer, page, ownerId);
  }

  @FieldResolver(() => [OverdueFollowUp], {
    description: 'The calls and visits the cadence of the class asks for that are overdue now; empty when none is.',
  })
  overdueTouches(@Root() customer: Customer, @Ctx() ctx: Context): OverdueFollowUp[] {
    const now = ctx.services.clock();
    return [
      ...(past(customer.nextCallDueAt, now)
        ? [{ kind: VisitKind.PHONE_CALL, dueSince: new Date(customer.nextCallDueAt!) }]
        : []),
      ...(past(customer.nextVisitDueAt, now)
        ? [{ kind: VisitKind.VISIT, dueSince: new Date(customer.nextVisitDueAt!) }]
        : []),
    ];
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Whole days since lastOrderAt; null when the customer never ordered.',
  })
  daysSinceLastOrder(@Root() customer: Customer, @Ctx() ctx: Context): number | null {
    return customer.lastOrderAt
      ? Math.floor((ctx.services.clock().getTime() - new Date(customer.lastOrderAt).getTime()) / DAY_MS)
      : null;
  }
}

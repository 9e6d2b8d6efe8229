import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { requestedFields } from './requested';
import { COMPLAINT_STATS, CUSTOMER_STATS, StatsSpec, TRADE_STATS, VISIT_STATS } from './stats.spec';
import {
  ComplaintGroup,
  ComplaintStats,
  ComplaintStatsArgs,
  CustomerGroup,
  CustomerStats,
  CustomerStatsArgs,
  AnyStatsArgs,
  GroupRow,
  TradeGroup,
  TradeStats,
  TradeStatsArgs,
  VisitGroup,
  VisitStats,
  VisitStatsArgs,
} from './stats.types';

function run(
  ctx: Context,
  info: GraphQLResolveInfo,
  spec: StatsSpec,
  rows: SelectQueryBuilder<ObjectLiteral>,
  args: AnyStatsArgs,
) {
  const measures = {
    SUM: requestedFields(info, ['groups', 'sum']),
    AVG: requestedFields(info, ['groups', 'avg']),
    MIN: requestedFields(info, ['groups', 'min']),
    MAX: requestedFields(info, ['groups', 'max']),
  };
  return ctx.services.stats.run(ctx, spec, rows, {
    groupBy: args.groupBy,
    period: args.period,
    orderBy: args.orderBy,
    first: args.first,
    measures,
  });
}

const rows = <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>) => qb as unknown as SelectQueryBuilder<ObjectLiteral>;
const VISIBLE = ' Over the records and fields your role may see and read: see the type.';

@Resolver()
export class StatsResolver {
  @Query(() => CustomerStats, {
    description: `Customers counted and totalled in groups (region and class, owner, month of first trade …).${VISIBLE}`,
  })
  customerStats(@Args() args: CustomerStatsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return run(
      ctx,
      info,
      CUSTOMER_STATS,
      rows(ctx.services.customers.filtered(ctx.viewer, args.filter, args.where)),
      args,
    );
  }

  @Query(() => TradeStats, {
    description: `Trades counted and totalled in groups (customer, industry, month …).${VISIBLE}`,
  })
  tradeStats(@Args() args: TradeStatsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, TRADE_STATS, rows(ctx.services.trades.filtered(ctx.viewer, args.filter, args.where)), args);
  }

  @Query(() => ComplaintStats, { description: `Complaints counted in groups (category, severity, month …).${VISIBLE}` })
  complaintStats(@Args() args: ComplaintStatsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return run(
      ctx,
      info,
      COMPLAINT_STATS,
      rows(ctx.services.complaints.filtered(ctx.viewer, args.filter, args.where)),
      args,
    );
  }

  @Query(() => VisitStats, { description: `Visits counted in groups (employee, kind, week …).${VISIBLE}` })
  visitStats(@Args() args: VisitStatsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return run(ctx, info, VISIT_STATS, rows(ctx.services.visits.filtered(ctx.viewer, args.filter, args.where)), args);
  }
}

const user = (ctx: Context, id: unknown) => (typeof id === 'number' ? ctx.services.users.load(ctx, id) : null);
const customer = (ctx: Context, id: unknown) => (typeof id === 'number' ? ctx.services.customers.load(ctx, id) : null);
const OWNER = "The customer's owner (业务员), when grouped by OWNER.";
const HANDLER = 'The handler, when grouped by HANDLER.';
const CUSTOMER = 'The customer, when grouped by CUSTOMER.';

// The people and customers a group names, loaded like any relation (batched, in the caller's scope).
@Resolver(() => CustomerGroup)
export class CustomerGroupResolver {
  @FieldResolver(() => User, { nullable: true, description: OWNER }) owner(@Root() g: GroupRow, @Ctx() ctx: Context) {
    return user(ctx, g.ownerId);
  }
}

@Resolver(() => TradeGroup)
export class TradeGroupResolver {
  @FieldResolver(() => User, { nullable: true, description: OWNER }) owner(@Root() g: GroupRow, @Ctx() ctx: Context) {
    return user(ctx, g.ownerId);
  }
  @FieldResolver(() => User, { nullable: true, description: HANDLER }) handler(
    @Root() g: GroupRow,
    @Ctx() ctx: Context,
  ) {
    return user(ctx, g.handlerId);
  }
  @FieldResolver(() => Customer, { nullable: true, description: CUSTOMER }) customer(
    @Root() g: GroupRow,
    @Ctx() ctx: Context,
  ) {
    return customer(ctx, g.customerId);
  }
}

@Resolver(() => ComplaintGroup)
export class ComplaintGroupResolver {
  @FieldResolver(() => User, { nullable: true, description: OWNER }) owner(@Root() g: GroupRow, @Ctx() ctx: Context) {
    return user(ctx, g.ownerId);
  }
  @FieldResolver(() => User, { nullable: true, description: HANDLER }) handler(
    @Root() g: GroupRow,
    @Ctx() ctx: Context,
  ) {
    return user(ctx, g.handlerId);
  }
  @FieldResolver(() => Customer, { nullable: true, description: CUSTOMER }) customer(
    @Root() g: GroupRow,
    @Ctx() ctx: Context,
  ) {
    return customer(ctx, g.customerId);
  }
}

@Resolver(() => VisitGroup)
export class VisitGroupResolver {
  @FieldResolver(() => User, { nullable: true, description: OWNER }) owner(@Root() g: GroupRow, @Ctx() ctx: Context) {
    return user(ctx, g.ownerId);
  }
  @FieldResolver(() => User, { nullable: true, description: 'The employee who made the visits, when grouped by USER.' })
  user(@Root() g: GroupRow, @Ctx() ctx: Context) {
    return user(ctx, g.userId);
  }
  @FieldResolver(() => Customer, { nullable: true, description: CUSTOMER }) customer(
    @Root() g: GroupRow,
    @Ctx() ctx: Context,
  ) {
    return customer(ctx, g.customerId);
  }
}

export const STATS_RESOLVERS = [
  StatsResolver,
  CustomerGroupResolver,
  TradeGroupResolver,
  ComplaintGroupResolver,
  VisitGroupResolver,
] as const;

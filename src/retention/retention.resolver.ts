import { Args, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
import { Customer } from '../customers/customer.entity';
import { CustomerConnection } from '../customers/customer.types';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { Destruction } from './destruction.entity';
import {
  DecideDestructionArgs,
  EndRelationshipArgs,
  ProposeDestructionArgs,
  RejectDestructionArgs,
} from './retention.inputs';

@ObjectType()
export class DestructionConnection extends Connection(Destruction) {}

@Resolver(() => Destruction)
export class RetentionResolver {
  @Mutation(() => Customer, {
    description:
      'Ends the relationship (ACTIVE or DORMANT → ENDED): the retention period (ARCHIVE_RETENTION_YEARS) starts. Roles: sales_manager, general_manager.',
  })
  endRelationship(@Args() args: EndRelationshipArgs, @Ctx() ctx: Context) {
    return ctx.services.retention.endRelationship(ctx.viewer, args);
  }

  @Query(() => CustomerConnection, {
    description:
      'ENDED archives whose retention has run out, longest ended first. Roles: archive_admin, general_manager.',
  })
  dueForDestruction(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.retention.due(ctx.viewer, page);
  }

  @Mutation(() => Destruction, {
    description: 'Proposes destroying an archive past its retention (销毁申请). Role: archive_admin.',
  })
  proposeDestruction(@Args() args: ProposeDestructionArgs, @Ctx() ctx: Context) {
    return ctx.services.retention.propose(ctx.viewer, args);
  }

  @Mutation(() => Destruction, {
    description:
      "Approves and carries out a destruction: the archive and its contacts, trades, complaints and visits are erased except what the trade totals need, with the change feed's stored copies and the history's old and new values; the archive answers as DESTROYED with its number. Role: general_manager, never the proposer.",
  })
  approveDestruction(@Args() args: DecideDestructionArgs, @Ctx() ctx: Context) {
    return ctx.services.retention.approve(ctx.viewer, args);
  }

  @Mutation(() => Destruction, {
    description: 'Rejects a proposed destruction, with the reason. Role: general_manager, never the proposer.',
  })
  rejectDestruction(@Args() args: RejectDestructionArgs, @Ctx() ctx: Context) {
    return ctx.services.retention.reject(ctx.viewer, args);
  }

  @Query(() => DestructionConnection, {
    description: 'Destruction records (销毁记录), newest first. Roles: archive_admin, general_manager.',
  })
  destructions(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.retention.list(ctx.viewer, page);
  }

  @FieldResolver(() => User, { nullable: true }) proposedBy(@Root() d: Destruction, @Ctx() ctx: Context) {
    return d.proposedById ? ctx.services.users.load(ctx, d.proposedById) : null;
  }

  @FieldResolver(() => User, { nullable: true }) decidedBy(@Root() d: Destruction, @Ctx() ctx: Context) {
    return d.decidedById ? ctx.services.users.load(ctx, d.decidedById) : null;
  }
}

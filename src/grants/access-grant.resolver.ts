import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity';
import { PageArgs } from '../common/connection';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { AccessGrant } from './access-grant.entity';
import { DecideAccessArgs, EndAccessArgs, RequestAccessInput } from './access-grant.inputs';
import { isActive } from './access-grant.service';
import { AccessGrantConnection, AccessGrantListArgs } from './access-grant.types';

@Resolver(() => AccessGrant)
export class AccessGrantResolver {
  @Query(() => AccessGrantConnection, { description: "The caller's own access requests (借阅), newest first." })
  myAccessGrants(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.grants.mine(ctx.viewer, page);
  }

  @Query(() => AccessGrantConnection, {
    description: "Everyone's access requests, newest first. Roles: sales_manager, general_manager, archive_admin.",
  })
  accessGrants(@Args() { filter, ...page }: AccessGrantListArgs, @Ctx() ctx: Context) {
    return ctx.services.grants.list(ctx.viewer, page, filter);
  }

  @Mutation(() => AccessGrant, {
    description:
      'Asks to see one archive (借阅). The answer is the same whether the number names a visible, hidden or no archive. At most 5 open requests per user.',
  })
  requestAccess(@Arg('input') input: RequestAccessInput, @Ctx() ctx: Context) {
    return ctx.services.grants.request(ctx.viewer, input);
  }

  @Mutation(() => AccessGrant, {
    description: 'REQUESTED → APPROVED; never your own request. Roles: sales_manager, general_manager.',
  })
  approveAccess(@Args() args: DecideAccessArgs, @Ctx() ctx: Context) {
    return ctx.services.grants.approve(ctx.viewer, args);
  }

  @Mutation(() => AccessGrant, { description: 'REQUESTED → REJECTED. Roles: sales_manager, general_manager.' })
  rejectAccess(@Args() args: EndAccessArgs, @Ctx() ctx: Context) {
    return ctx.services.grants.reject(ctx.viewer, args);
  }

  @Mutation(() => AccessGrant, {
    description: 'APPROVED → REVOKED: the archive is hidden again at once. Roles: sales_manager, general_manager.',
  })
  revokeAccess(@Args() args: EndAccessArgs, @Ctx() ctx: Context) {
    return ctx.services.grants.revoke(ctx.viewer, args);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who asked.' })
  user(@Root() grant: AccessGrant, @Ctx() ctx: Context) {
    return ctx.services.users.load(ctx, grant.userId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who approved, rejected or revoked it.' })
  decidedBy(@Root() grant: AccessGrant, @Ctx() ctx: Context) {
    return grant.decidedById ? ctx.services.users.load(ctx, grant.decidedById) : null;
  }

  @FieldResolver(() => Customer, {
    nullable: true,
    description: 'The archive, once approved and only while the caller may see it; null for a request not yet decided.',
  })
  customer(@Root() grant: AccessGrant, @Ctx() ctx: Context) {
    return grant.customerId ? ctx.services.customers.load(ctx, grant.customerId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'APPROVED and not yet ended: the archive is visible to its user now.' })
  active(@Root() grant: AccessGrant) {
    return isActive(grant);
  }
}

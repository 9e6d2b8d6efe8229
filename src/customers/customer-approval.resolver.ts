import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../auth/context';
import { Customer } from './customer.entity';
import { DecideArchiveArgs, RejectArchiveArgs } from './customer-approval.inputs';
import { CustomerConnection } from './customer.types';

@Resolver(() => Customer)
export class CustomerApprovalResolver {
  @Query(() => CustomerConnection, {
    description:
      'Drafts waiting for the caller to approve or reject them (not the ones it created), oldest first. Roles: sales_manager, general_manager.',
  })
  archivesAwaitingApproval(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.approvals.awaiting(ctx.viewer, page);
  }

  @Mutation(() => Customer, {
    description:
      'PENDING_APPROVAL → ACTIVE (建档审批): trades may start. Never your own draft. A draft whose creditCode an approved archive already has is refused with CONFLICT naming that archive. Roles: sales_manager, general_manager.',
  })
  approveArchive(@Args() args: DecideArchiveArgs, @Ctx() ctx: Context) {
    return ctx.services.approvals.approve(ctx.viewer, args);
  }

  @Mutation(() => Customer, {
    description:
      'PENDING_APPROVAL → REJECTED, with the reason. Never your own draft. Roles: sales_manager, general_manager.',
  })
  rejectArchive(@Args() args: RejectArchiveArgs, @Ctx() ctx: Context) {
    return ctx.services.approvals.reject(ctx.viewer, args);
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { Complaint } from './complaint.entity';
import { CreateComplaintInput, UpdateComplaintInput } from './complaint.inputs';
import { ComplaintConnection, ComplaintListArgs } from './complaint.types';
import { isOpen } from './complaint-lifecycle';
import { PageArgs } from '../common/connection';

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => ComplaintConnection, { description: 'Complaints of the archives the caller may see.' })
  complaints(@Args() { filter, orderBy, where, ...page }: ComplaintListArgs, @Ctx() ctx: Context) {
    return ctx.services.complaints.list(ctx.viewer, page, filter, orderBy, where);
  }

  @Query(() => ComplaintConnection, {
    description:
      'Complaints still OPEN or IN_PROGRESS after their due time (the service level of their severity), most overdue first.',
  })
  overdueComplaints(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.complaints.overdue(ctx.viewer, page);
  }

  @Query(() => Complaint, { nullable: true, description: 'Null when missing or not visible to the caller.' })
  complaint(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.complaints.get(ctx.viewer, id);
  }

  @Mutation(() => Complaint)
  createComplaint(@Arg('input') input: CreateComplaintInput, @Ctx() ctx: Context) {
    return ctx.services.complaints.create(ctx.viewer, input);
  }

  @Mutation(() => Complaint)
  updateComplaint(@Arg('input') input: UpdateComplaintInput, @Ctx() ctx: Context) {
    return ctx.services.complaints.update(ctx.viewer, input);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return ctx.services.customers.load(ctx, complaint.customerId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who complained.' })
  contact(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return complaint.contactId ? ctx.services.contacts.load(ctx, complaint.contactId) : null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "The handler's manager it was escalated to for being overdue.",
  })
  escalatedTo(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return complaint.escalatedToId ? ctx.services.users.load(ctx, complaint.escalatedToId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'Still OPEN or IN_PROGRESS after its due time.' })
  overdue(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return (
      isOpen(complaint.status) &&
      complaint.dueAt !== null &&
      new Date(complaint.dueAt).getTime() < ctx.services.clock().getTime()
    );
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The employee handling it (处理人); null while unassigned.',
  })
  handler(@Root() complaint: Complaint, @Ctx() ctx: Context) {
    return complaint.handlerId ? ctx.services.users.load(ctx, complaint.handlerId) : null;
  }
}

import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { DuplicateCandidate, MergeArchivesArgs } from './duplicates.types';

@Resolver(() => Customer)
export class DuplicatesResolver {
  @Query(() => [DuplicateCandidate], {
    description:
      '查重: up to 20 archives that may be the same customer (same credit code, similar name, same phone or contact mobile), with the reasons. Roles: sales_manager, general_manager.',
  })
  duplicateCandidates(@Arg('customerId', () => ID) customerId: string, @Ctx() ctx: Context) {
    return ctx.services.duplicates.candidates(ctx.viewer, customerId);
  }

  @Mutation(() => Customer, {
    description:
      'Merges a duplicate into the archive that stays: contacts, trades, complaints and visits move, statistics and balance are recomputed, and the duplicate becomes MERGED (lookups of it answer with the kept archive). One transaction. Roles: sales_manager, general_manager.',
  })
  mergeArchives(@Args() args: MergeArchivesArgs, @Ctx() ctx: Context) {
    return ctx.services.merges.merge(ctx.viewer, args);
  }

  @FieldResolver(() => Customer, {
    nullable: true,
    description: 'For a MERGED archive: the archive it was merged into, if the caller may see it.',
  })
  mergedInto(@Root() customer: Customer, @Ctx() ctx: Context) {
    return customer.mergedIntoId ? ctx.services.customers.load(ctx, customer.mergedIntoId) : null;
  }
}

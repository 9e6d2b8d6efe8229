import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageArgs } from '../common/connection';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { Customer } from './customer.entity';
import { CustomerConnection } from './customer.types';
import { IsId } from '../common/validators';

@ArgsType()
class StaleArchivesArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Whose archives; the caller when not given (managers may name anyone)',
  })
  @IsOptional()
  @IsId()
  ownerId?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The period in days; STALE_ARCHIVE_DAYS (default 90) when not given',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  olderThanDays?: number;
}

@Resolver(() => Customer)
export class CustomerVerificationResolver {
  @Mutation(() => Customer, { description: '定期核实: records that the archive was checked now, by the caller.' })
  verifyArchive(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: Context) {
    return ctx.services.verification.verify(ctx.viewer, id, version);
  }

  @Query(() => CustomerConnection, {
    description:
      "An owner's live archives neither verified nor updated within the period, least recently touched first.",
  })
  staleArchives(@Args() { ownerId, olderThanDays, ...page }: StaleArchivesArgs, @Ctx() ctx: Context) {
    return ctx.services.verification.stale(ctx.viewer, page, ownerId, olderThanDays);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who last verified the archive (核实人).' })
  verifiedBy(@Root() customer: Customer, @Ctx() ctx: Context) {
    return customer.verifiedById ? ctx.services.users.load(ctx, customer.verifiedById) : null;
  }
}

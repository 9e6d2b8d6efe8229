import { Args, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../common/connection';
import { UserListArgs } from './user.inputs';
import { PageArgs } from '../common/connection';
import { CustomerConnection } from '../customers/customer.types';
import { RoleName } from '../auth/roles';
import type { Context } from '../auth/context';
import { User } from './user.entity';

@ObjectType({ description: 'The caller, as the token says, and the employee behind it.' })
export class Me {
  @Field() subject: string;
  @Field(() => [RoleName]) roles: RoleName[];
  @Field(() => User, { nullable: true }) user: User | null;
}

@ObjectType()
export class UserConnection extends Connection(User) {}

@Resolver(() => User)
export class UserResolver {
  @Query(() => UserConnection, {
    description:
      'Employees, to name the people in per-owner answers and to pick owners and handlers; for roles that manage people (sales_manager, general_manager).',
  })
  users(@Args() { filter, ...page }: UserListArgs, @Ctx() ctx: Context) {
    return ctx.services.users.list(page, filter);
  }

  @Query(() => Me)
  async me(@Ctx() ctx: Context): Promise<Me> {
    const { viewer } = ctx;
    const user = viewer.userId ? await ctx.services.users.load(ctx, viewer.userId) : null;
    return { subject: viewer.subject, roles: viewer.roles as unknown as RoleName[], user };
  }

  @FieldResolver(() => CustomerConnection, { description: 'Archives this employee owns that the caller may see.' })
  customers(@Root() user: User, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.customers.ownedBy(ctx, user.id, page);
  }
}

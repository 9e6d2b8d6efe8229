import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../auth/context';
import { Customer } from './customer.entity';
import { RenameCustomerArgs } from './customer-rename.inputs';
import { FormerName } from './former-name.entity';

@Resolver(() => Customer)
export class CustomerRenameResolver {
  @Mutation(() => Customer, {
    description:
      "更名: renames an approved archive; the old name is kept in nameHistory with its document and stays searchable. updateCustomer cannot change an approved archive's name.",
  })
  renameCustomer(@Args() args: RenameCustomerArgs, @Ctx() ctx: Context) {
    return ctx.services.renames.rename(ctx.viewer, args);
  }

  @FieldResolver(() => [FormerName], { description: 'Former names (更名记录), newest rename first.' })
  nameHistory(@Root() customer: Customer, @Ctx() ctx: Context) {
    return ctx.services.renames.history(ctx, customer.id);
  }
}

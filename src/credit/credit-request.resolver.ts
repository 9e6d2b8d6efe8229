import { ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Customer } from '../customers/customer.entity';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import type { CreditRequest } from './credit-request.entity';

/** The fields every kind of credit request resolves the same way: its customer and the people on it. */
export function CreditRequestResolver<T extends CreditRequest>(type: ClassType<T>) {
  @Resolver(() => type)
  abstract class CreditRequestFields {
    @FieldResolver(() => Customer, { nullable: true, description: 'The archive, while the caller may see it.' })
    customer(@Root() r: T, @Ctx() ctx: Context) {
      return ctx.services.customers.load(ctx, r.customerId);
    }

    @FieldResolver(() => User, { nullable: true, description: 'Who asked.' })
    requestedBy(@Root() r: T, @Ctx() ctx: Context) {
      return ctx.services.users.load(ctx, r.requestedById);
    }

    @FieldResolver(() => User, { nullable: true, description: 'The general manager who approved or rejected it.' })
    decidedBy(@Root() r: T, @Ctx() ctx: Context) {
      return r.decidedById ? ctx.services.users.load(ctx, r.decidedById) : null;
    }
  }
  return CreditRequestFields;
}

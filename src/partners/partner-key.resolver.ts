import { Arg, Args, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Length } from 'class-validator';
import { IsLine } from '../common/validators';
import { ArgsType } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
import type { Context } from '../auth/context';
import { PartnerKey } from './partner-key.entity';

@ObjectType()
export class PartnerKeyConnection extends Connection(PartnerKey) {}

@ObjectType({ description: 'A new key: `key` is shown this once and never again.' })
export class NewPartnerKey {
  @Field({ description: 'Send as  Authorization: ApiKey <key>' }) key: string;
  @Field(() => PartnerKey) partnerKey: PartnerKey;
}

@ArgsType()
class CreatePartnerKeyArgs {
  @Field() @IsLine(100) @Length(2, 100) name: string;
}

@Resolver(() => PartnerKey)
export class PartnerKeyResolver {
  @Query(() => PartnerKeyConnection, { description: 'Partner API keys. For general_manager and archive_admin.' })
  partnerKeys(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.partnerKeys.list(ctx.viewer, page);
  }

  @Mutation(() => NewPartnerKey, { description: 'Issues an API key for a partner app (role partner).' })
  createPartnerKey(@Args() { name }: CreatePartnerKeyArgs, @Ctx() ctx: Context) {
    return ctx.services.partnerKeys.create(ctx.viewer, name);
  }

  @Mutation(() => PartnerKey, { description: 'Revokes a key: it fails from the next request on.' })
  revokePartnerKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.partnerKeys.revoke(ctx.viewer, id);
  }
}

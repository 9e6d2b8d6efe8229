import { Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional } from 'class-validator';
import { IsId } from '../common/validators';
import { Connection, PageArgs } from '../common/connection';
import type { Context } from '../auth/context';
import { ReadAudit } from './read-audit.entity';

@ObjectType()
export class ReadAuditConnection extends Connection(ReadAudit) {}

@ArgsType()
class ReadAuditArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only reads of this archive' })
  @IsOptional()
  @IsId()
  customerId?: string;
}

/** 查阅登记 for archive_admin (the rule is in auth/fields.ts); newest first, read-only by design. */
@Resolver(() => ReadAudit)
export class ReadAuditResolver {
  @Query(() => ReadAuditConnection, {
    description: 'Recorded reads of confidential archives. Readable by archive_admin.',
  })
  readAudits(@Args() { customerId, ...page }: ReadAuditArgs, @Ctx() ctx: Context) {
    return ctx.services.readAudits.list(page, customerId);
  }
}

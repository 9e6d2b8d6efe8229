import { Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import { Connection, PageArgs } from '../common/connection';
import { expectId } from '../common/global-id';
import { paginate } from '../common/paging';
import type { Context } from '../server/context';
import { ReadAudit } from './read-audit.entity';

@ObjectType()
export class ReadAuditConnection extends Connection(ReadAudit) {}

@ArgsType()
class ReadAuditArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only reads of this archive' }) @IsOptional() @MaxLength(64) customerId?: string;
}

/** 查阅登记 for archive_admin (the rule is in auth/fields.ts); newest first, read-only by design. */
@Resolver(() => ReadAudit)
export class ReadAuditResolver {
  @Query(() => ReadAuditConnection, { description: 'Recorded reads of confidential archives. Readable by archive_admin.' })
  readAudits(@Args() { customerId, ...page }: ReadAuditArgs, @Ctx() ctx: Context) {
    const qb = ctx.services.ds.getRepository(ReadAudit).createQueryBuilder('a');
    if (customerId) qb.where('a.customerId = :cid', { cid: expectId(customerId, 'Customer', 'customerId') });
    return paginate(qb, 'a', { key: { property: 'id', kind: 'number' }, direction: 'DESC' }, page);
  }
}

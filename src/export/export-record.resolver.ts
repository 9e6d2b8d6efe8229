import { Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
import type { Context } from '../auth/context';
import { ExportRecord } from './export-record.entity';

@ObjectType()
export class ExportRecordConnection extends Connection(ExportRecord) {}

/** 输出档案登记 for the roles in EXPORT_RECORD_READERS (the rule is in auth/fields.ts); newest first, read-only. */
@Resolver(() => ExportRecord)
export class ExportRecordResolver {
  @Query(() => ExportRecordConnection, {
    description:
      'Recorded exports (npm run export and the export links), newest first: who, when, which records by which filter, how many rows. Readable by archive_admin.',
  })
  exportRecords(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.exportRecords.list(page);
  }
}

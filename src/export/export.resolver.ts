import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { astFromValue, GraphQLResolveInfo, valueFromASTUntyped } from 'graphql';
import { CustomerFilter } from '../customers/customer.inputs';
import type { Context } from '../auth/context';
import { ExportFileFormat, ExportHeaders, ExportLink } from './export.types';

/** An argument as the client sent it (enum names, not internal values): the link replays it as a variable. */
function asSent(info: GraphQLResolveInfo, name: string, value: unknown): Record<string, unknown> | null {
  const type = info.parentType.getFields()[info.fieldName].args.find((a) => a.name === name)!.type;
  const ast = value === undefined || value === null ? null : astFromValue(value, type);
  return ast ? (valueFromASTUntyped(ast) as Record<string, unknown>) : null;
}

@Resolver()
export class ExportResolver {
  @Query(() => ExportLink, {
    description:
      'A download link for the customers the caller may see (输出档案), by the filter of customers: the same rows, columns and masking as that query, A-class and credit values recorded in the read audit, the export itself recorded. Streamed when the link is opened.',
  })
  exportCustomers(
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | undefined,
    @Arg('format', () => ExportFileFormat, { defaultValue: ExportFileFormat.CSV }) format: ExportFileFormat,
    @Arg('headers', () => ExportHeaders, { defaultValue: ExportHeaders.ZH }) headers: ExportHeaders,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.exportLinks.mint(ctx.viewer, {
      type: 'customers',
      filter: asSent(info, 'filter', filter),
      format,
      headers,
    });
  }
}

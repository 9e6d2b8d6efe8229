import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import { astFromValue, GraphQLResolveInfo, valueFromASTUntyped } from 'graphql';
import { CustomerFilter } from '../customers/customer.inputs';
import { ContactFilter } from '../contacts/contact.inputs';
import { TradeFilter } from '../trades/trade.inputs';
import type { RecordKind } from '../import/columns';
import type { Context } from '../auth/context';
import { ExportFileFormat, ExportHeaders, ExportLink } from './export.types';

/** An argument as the client sent it (enum names, not internal values): the link replays it as a variable. */
function asSent(info: GraphQLResolveInfo, name: string, value: unknown): Record<string, unknown> | null {
  const type = info.parentType.getFields()[info.fieldName].args.find((a) => a.name === name)!.type;
  const ast = value === undefined || value === null ? null : astFromValue(value, type);
  return ast ? (valueFromASTUntyped(ast) as Record<string, unknown>) : null;
}

/** The link of one export: the list query `type` with the filter as sent, run as the caller when opened. */
function mint(
  ctx: Context,
  info: GraphQLResolveInfo,
  type: RecordKind,
  filter: unknown,
  format: ExportFileFormat,
  headers: ExportHeaders,
) {
  return ctx.services.exportLinks.mint(ctx.viewer, { type, filter: asSent(info, 'filter', filter), format, headers });
}

const what = (records: string, query: string) =>
  `A download link for the ${records} the caller may see (输出档案), by the filter of ${query}: the same rows, columns and masking as that query, A-class and credit values recorded in the read audit, the export itself recorded. Streamed when the link is opened.`;

@Resolver()
export class ExportResolver {
  @Query(() => ExportLink, { description: what('customers', 'customers') })
  exportCustomers(
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter: CustomerFilter | undefined,
    @Arg('format', () => ExportFileFormat, { defaultValue: ExportFileFormat.CSV }) format: ExportFileFormat,
    @Arg('headers', () => ExportHeaders, { defaultValue: ExportHeaders.ZH }) headers: ExportHeaders,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return mint(ctx, info, 'customers', filter, format, headers);
  }

  @Query(() => ExportLink, { description: what('contacts', 'contacts') })
  exportContacts(
    @Arg('filter', () => ContactFilter, { nullable: true }) filter: ContactFilter | undefined,
    @Arg('format', () => ExportFileFormat, { defaultValue: ExportFileFormat.CSV }) format: ExportFileFormat,
    @Arg('headers', () => ExportHeaders, { defaultValue: ExportHeaders.ZH }) headers: ExportHeaders,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return mint(ctx, info, 'contacts', filter, format, headers);
  }

  @Query(() => ExportLink, { description: what('trades', 'trades') })
  exportTrades(
    @Arg('filter', () => TradeFilter, { nullable: true }) filter: TradeFilter | undefined,
    @Arg('format', () => ExportFileFormat, { defaultValue: ExportFileFormat.CSV }) format: ExportFileFormat,
    @Arg('headers', () => ExportHeaders, { defaultValue: ExportHeaders.ZH }) headers: ExportHeaders,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return mint(ctx, info, 'trades', filter, format, headers);
  }
}

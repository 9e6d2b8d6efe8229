import type { Writable } from 'node:stream';
import { type DocumentNode, execute, type GraphQLError, type GraphQLSchema, parse } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { AuditWriter } from '../auth/audit-writer';
import { AppError, badInput } from '../common/errors';
import type { RecordKind } from '../import/columns';
import type { Context } from '../auth/context';
import { cellOf, exportColumns, type ExportColumn, type HeaderLanguage, headerOf, selectionOf } from './export-columns';
import { ExportRecord } from './export-record.entity';
import { type ExportFormat, rowWriter, type RowWriter } from './export-writer';

/** What to export: a kind of record, the filter of its list query (as a client sends it), the file's format and header language. */
export interface ExportSpec {
  type: RecordKind;
  filter: Record<string, unknown> | null;
  format: ExportFormat;
  headers: HeaderLanguage;
}

/** Rows per page: the list queries' largest page. */
const PAGE = 100;

const SHEET_NAMES: Record<RecordKind, string> = { customers: '客户资料表', contacts: '联系人表', trades: '交易记录表' };
export const fileNameOf = (spec: ExportSpec, at: Date) =>
  `${SHEET_NAMES[spec.type]}-${at.toISOString().slice(0, 10).replace(/-/g, '')}.${spec.format}`;

interface Page {
  nodes: Record<string, unknown>[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/**
 * 输出档案: a list query run page by page as the caller (customers, contacts or trades with
 * its filter), each page written out before the next is read, so memory holds one page
 * however many rows there are. Running the API's own query through the protected schema is
 * what makes the caller's role apply exactly as in queries: the same row scope (no A-class
 * archives beyond the role), the same masking of personal data, and the same read audit of
 * A-class and credit values, written before the page's rows leave. Columns the role reads
 * no value of (credit fields for a sales rep) are left out. The export itself is recorded
 * when its last row is written, before the file ends, or once it is cut off.
 */
export class ExportService {
  private readonly audit: AuditWriter;

  constructor(
    private readonly ds: DataSource,
    private readonly schema: GraphQLSchema,
    private readonly contextFor: (viewer: Viewer, requestId: string) => Context,
  ) {
    this.audit = new AuditWriter(ds);
  }

  /**
   * Writes the export and answers its row count. `open` gives the destination once the
   * first page is in hand: a filter the list query refuses throws its error (BAD_USER_INPUT
   * …) before any destination exists (no empty file, and an HTTP answer can still say why).
   */
  async write(viewer: Viewer, spec: ExportSpec, open: () => Writable, requestId: string): Promise<number> {
    const columns = exportColumns(this.schema, spec.type, viewer.roles);
    const document = this.document(spec.type, columns);
    const startedAt = new Date();
    let writer: RowWriter | null = null;
    let rows = 0;
    let recorded = false;
    try {
      let after: string | null = null;
      do {
        const page: Page = await this.page(viewer, document, spec.filter, after, requestId);
        if (!writer) {
          writer = await rowWriter(spec.format, open(), SHEET_NAMES[spec.type]);
          await writer.row(columns.map((c) => headerOf(c, spec.headers)));
        }
        for (const node of page.nodes) {
          await writer.row(columns.map((c) => cellOf(c, node, spec.headers)));
          rows++;
        }
        after = page.hasNextPage ? page.endCursor : null;
      } while (after);
      // Recorded before the file's last bytes leave: whoever has the whole file finds it in the
      // register, and an export that cannot be recorded is never delivered whole.
      await this.record(viewer, spec, startedAt, rows, true, requestId);
      recorded = true;
      await writer.end();
      return rows;
    } finally {
      if (writer && !recorded) await this.record(viewer, spec, startedAt, rows, false, requestId);
    }
  }

  private document(type: RecordKind, columns: readonly ExportColumn[]): DocumentNode {
    const root = this.schema.getQueryType()?.getFields()[type];
    const filterType = root?.args.find((a) => a.name === 'filter')?.type.toString();
    if (!filterType) throw new Error(`Query.${type} has no filter argument`);
    return parse(`query Export($first: Int!, $after: String, $filter: ${filterType}) {
      page: ${type}(first: $first, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } edges { node { ${selectionOf(columns)} } } }
    }`);
  }

  /** One page as the caller; its confidential reads are in the read audit before it is written anywhere. */
  private async page(
    viewer: Viewer,
    document: DocumentNode,
    filter: ExportSpec['filter'],
    after: string | null,
    requestId: string,
  ): Promise<Page> {
    const ctx = this.contextFor(viewer, requestId);
    const result = await execute({
      schema: this.schema,
      document,
      contextValue: ctx,
      variableValues: { first: PAGE, after, filter },
    });
    await ctx.reads.flush(this.ds, this.audit, viewer, requestId);
    const page = (
      result.data as {
        page?: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: Record<string, unknown> }[];
        };
      } | null
    )?.page;
    if (!page) throw refusal(result.errors ?? []);
    return { nodes: page.edges.map((e) => e.node), ...page.pageInfo };
  }

  private async record(
    viewer: Viewer,
    spec: ExportSpec,
    startedAt: Date,
    rowCount: number,
    complete: boolean,
    requestId: string,
  ): Promise<void> {
    await this.ds.getRepository(ExportRecord).insert({
      startedAt,
      subject: viewer.subject.slice(0, 128),
      userId: viewer.userId,
      roles: viewer.roles.join(',').slice(0, 200),
      recordType: spec.type,
      filter: JSON.stringify(spec.filter ?? {}).slice(0, 2000),
      format: spec.format,
      rowCount,
      complete,
      requestId: requestId.slice(0, 64),
    });
  }
}

/** The list query's refusal as the caller would get it: its typed error, or the variable's problem as BAD_USER_INPUT on filter. */
function refusal(errors: readonly GraphQLError[]): Error {
  const first = errors[0];
  if (first?.originalError instanceof AppError) return first.originalError;
  return badInput('filter', first?.message ?? 'the list query answered nothing');
}

import crypto from 'node:crypto';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import type { GraphQLSchema } from 'graphql';
import type { Viewer } from '../auth/jwt';
import { AuditWriter } from '../auth/audit-writer';
import { ReadRecorder } from '../auth/read-recorder';
import { type BusinessRules, type Clock, DEFAULT_RULES, systemClock } from '../config/rules';
import { type ArchiveNumberRule, DEFAULT_ARCHIVE_NO_PATTERN, parseArchiveNoPattern } from '../customers/archive-number';
import { CustomerService } from '../customers/customer.service';
import { TradeService } from '../trades/trade.service';
import { createDataSource, type DbOptions, dialectOf } from '../db/data-source';
import { writeTransaction } from '../db/transaction';
import { readCell, COLUMNS, type RecordKind } from './columns';
import { CustomerImport } from './customer-import';
import { ContactImport } from './contact-import';
import { TradeImport } from './trade-import';
import { HEADER_SEARCH_ROWS, type HeaderMap, headerOf, noHeader } from './header';
import { IdSet, type ImportContext, type Outcome, type ReadRow, type RowImporter } from './import-rows';
import { type Rejection, ReportFile, reportPathFor, SUMMARY_REJECTIONS } from './report';
import { InputRules } from './row-input';
import { openSheet, type SheetRow } from './source';
import { fileInImportFolder, relativeToFolder } from './import-folder';
import type { ImportFileInput } from './import.types';
import { badInput } from '../common/errors';
import { readAhead } from '../common/read-ahead';

export interface ImportOptions {
  type: RecordKind;
  /** Check and apply every row, then roll everything back. */
  dryRun?: boolean;
  /** Keep the good rows when some are refused (default: all or nothing). */
  partial?: boolean;
  /** CSV only: the file's encoding (utf-8, gbk) instead of detecting it. */
  encoding?: string;
  /** Where the report goes (default: beside the file); null for none. */
  reportPath?: string | null;
  /** The request (or CLI run) the read audit records confidential reads under. */
  requestId?: string;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  rows: number;
  rejected: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportSummary {
  file: string;
  type: RecordKind;
  format: string;
  encoding: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Whether the rows were stored: false for a dry run, and when rows were refused without `partial`. */
  committed: boolean;
  dryRun: boolean;
  partial: boolean;
  unknownColumns: string[];
  readOnlyColumns: string[];
  /** Columns (1-based) with cells but no header. */
  unnamedColumns: number[];
  /** The first SUMMARY_REJECTIONS rejections; the report file has every one. */
  rejections: Rejection[];
  reportPath: string | null;
  seconds: number;
}

export interface ImportSettings {
  /** The archive-number coding rule (ARCHIVE_NO_PATTERN). */
  archiveNoPattern?: string;
  /** The credit rules trades are held to, and their clock. */
  rules?: BusinessRules;
  clock?: Clock;
  /** In the API process on SQLite: write through a connection of its own (see writer()). */
  ownSqliteConnection?: boolean;
  /** The folder importFromFolder reads from (IMPORT_DIR). */
  importDir?: string;
}

/**
 * Rows checked and written together: one lookup per key and one multi-row INSERT per chunk.
 * Small enough that a chunk's objects die young: at 1,000 rows they outlived V8's young
 * generation and the heap swung to 200 MB between collections (peak RSS 300-350 MB); at
 * 200 the peak stayed near 220 MB and the import took a tenth less CPU. A power of two, so
 * a chunk's records, events and history rows each go in one statement (insert-rows.ts).
 */
export const CHUNK_ROWS = 256;

/** Thrown to roll the import's transaction back while keeping what it found. */
class RolledBack extends Error {
  constructor(readonly summary: ImportSummary) {
    super('import rolled back');
  }
}

/** Input fields whose problems belong to another column of the file. */
const COLUMN_OF_FIELD: Record<string, string> = {
  ownerId: 'owner',
  handlerId: 'handler',
  id: 'archiveNo',
  version: 'archiveNo',
  customerId: 'customerArchiveNo',
};

/**
 * 导入: a CSV or XLSX file of customers, contacts or trades, as the importing user, under
 * the same rules as that user's createX/updateX mutations (row-input.ts). A file is one
 * transaction: all rows or none (`partial` keeps the good ones, a dry run keeps none), so a
 * malformed or refused file leaves nothing half-imported, and a rerun of the same file finds
 * every row unchanged and writes nothing. Rows are read, checked and written a chunk at a
 * time, so memory stays flat however long the file is.
 */
export class ImportService {
  private readonly numbering: ArchiveNumberRule;
  private readonly audit: AuditWriter;

  constructor(
    private readonly ds: DataSource,
    private readonly settings: ImportSettings = {},
  ) {
    this.numbering = parseArchiveNoPattern(settings.archiveNoPattern ?? DEFAULT_ARCHIVE_NO_PATTERN);
    this.audit = new AuditWriter(ds);
  }

  async importFile(
    viewer: Viewer,
    file: string,
    schema: GraphQLSchema,
    options: ImportOptions,
  ): Promise<ImportSummary> {
    const rules = new InputRules(schema);
    const reads = new ReadRecorder();
    try {
      return await this.writer(async (ds) => {
        try {
          // Pipelined: the next chunk's writes are sent while the last chunk's events are stored.
          return await writeTransaction(ds, (em) => this.run(em, viewer, file, { rules, reads }, options), {
            pipelined: true,
          });
        } catch (err) {
          if (err instanceof RolledBack) return err.summary;
          throw err;
        }
      });
    } finally {
      // After the transaction, kept or not: what the import disclosed was disclosed.
      await reads.flush(this.ds, this.audit, viewer, options.requestId ?? `import-${crypto.randomUUID()}`);
    }
  }

  /** importFile of the API: a file inside the import folder, its report beside it, paths answered relative to the folder. */
  async importFromFolder(
    viewer: Viewer,
    input: ImportFileInput,
    schema: GraphQLSchema,
    requestId: string,
  ): Promise<ImportSummary> {
    const folder = this.settings.importDir;
    if (!folder) throw badInput('path', 'no import folder is configured (IMPORT_DIR)');
    const file = await fileInImportFolder(folder, input.path);
    const summary = await this.importFile(viewer, file, schema, {
      type: input.type,
      dryRun: input.dryRun,
      partial: input.partial,
      encoding: input.encoding,
      requestId,
    });
    return { ...summary, reportPath: summary.reportPath && relativeToFolder(folder, summary.reportPath) };
  }

  /**
   * TypeORM's SQLite driver has one connection: reads of the API would see the import's
   * uncommitted rows, which a dry run or a refused file then rolls back. In the API process
   * an SQLite import therefore writes through a second connection to the same file; the
   * API's own writes wait for its lock like those of any other process (SQLITE_LOCK_WAIT_MS).
   */
  private async writer<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
    if (!this.settings.ownSqliteConnection || dialectOf(this.ds) !== 'sqlite') return work(this.ds);
    const file = this.ds.options.database as string;
    const entities = this.ds.options.entities as DbOptions['entities'];
    const own = await createDataSource({ entities, dataDir: path.dirname(file), sqlitePath: file }).initialize();
    try {
      return await work(own);
    } finally {
      await own.destroy();
    }
  }

  private importer(type: RecordKind, ctx: ImportContext, ds: DataSource): RowImporter {
    if (type === 'contacts') return new ContactImport(ctx);
    if (type === 'customers') return new CustomerImport(ctx, this.numbering);
    const { archiveNoPattern, rules = DEFAULT_RULES, clock = systemClock } = this.settings;
    return new TradeImport(ctx, new TradeService(ds, new CustomerService(ds, archiveNoPattern), rules, clock));
  }

  /** One attempt of the whole file in transaction `em` (MySQL may run it again after a deadlock: it reads the file anew). */
  private async run(
    em: EntityManager,
    viewer: Viewer,
    file: string,
    shared: Pick<ImportContext, 'rules' | 'reads'>,
    options: ImportOptions,
  ): Promise<ImportSummary> {
    const started = Date.now();
    const sheet = await openSheet(file, options.encoding);
    const reportPath = options.reportPath === undefined ? reportPathFor(file) : options.reportPath;
    const report = reportPath ? new ReportFile(reportPath) : null;
    const name = path.basename(file);
    const note = (line: number) => `导入 ${name} 第${line}行`.slice(0, 500);
    const pipelined = dialectOf(em.connection) === 'mysql';
    const context = { viewer, ...shared, note, touched: new IdSet(), pipelined };
    const importer = this.importer(options.type, context, em.connection);
    const summary: ImportSummary = {
      file: name,
      type: options.type,
      format: sheet.format,
      encoding: sheet.encoding,
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      committed: false,
      dryRun: !!options.dryRun,
      partial: !!options.partial,
      unknownColumns: [],
      readOnlyColumns: [],
      unnamedColumns: [],
      rejections: [],
      reportPath,
      seconds: 0,
    };
    const reject = async (rejection: Rejection) => {
      if (summary.rejections.length < SUMMARY_REJECTIONS) summary.rejections.push(rejection);
      await report?.add(rejection);
    };
    const unnamed = new Set<number>();
    // The next chunk is read (and prepared) while this one waits for the database.
    const onHeader = (header: HeaderMap) =>
      Object.assign(summary, { unknownColumns: header.unknown, readOnlyColumns: header.readOnly });
    const chunks = readAhead(this.chunks(sheet, options.type, unnamed, onHeader), (c) => importer.prepare?.(c.rows));
    try {
      for (let next = await chunks.next(); next; next = await chunks.next()) {
        const { rows, header } = next;
        // All or nothing: once a row is refused, later rows are still checked and reported, not written.
        const write = summary.partial || summary.rejected === 0;
        const outcomes = await importer.chunk(em, rows, write);
        summary.rows += rows.length;
        await this.tally(summary, rows, outcomes, header, reject);
        options.onProgress?.({
          rows: summary.rows,
          rejected: summary.rejected,
          bytes: sheet.bytesRead(),
          totalBytes: sheet.totalBytes,
        });
      }
      await importer.settled?.();
      await importer.finish?.(em);
      summary.unnamedColumns = [...unnamed].map((i) => i + 1);
    } catch (err) {
      // Nothing may still be on its way when the transaction rolls back.
      await importer.settled?.().catch(() => undefined);
      await chunks.close();
      await report?.add({ line: 0, column: '', reason: (err as Error).message }).catch(() => undefined);
      throw err;
    } finally {
      await report?.close();
    }
    summary.seconds = (Date.now() - started) / 1000;
    if (summary.dryRun || (summary.rejected > 0 && !summary.partial)) throw new RolledBack(summary);
    summary.committed = true;
    return summary;
  }

  /** The sheet's data rows a chunk at a time, below its header (found within the first rows, else noHeader). */
  private async *chunks(
    sheet: Awaited<ReturnType<typeof openSheet>>,
    type: RecordKind,
    unnamed: Set<number>,
    onHeader: (header: HeaderMap) => void,
  ): AsyncGenerator<{ rows: ReadRow[]; header: HeaderMap }> {
    let header: HeaderMap | null = null;
    let searched = 0;
    let rows: ReadRow[] = [];
    for await (const row of sheet.rows) {
      if (!header) {
        header = headerOf(type, row);
        if (!header && ++searched >= HEADER_SEARCH_ROWS) throw noHeader(type);
        if (header) onHeader(header);
        continue;
      }
      rows.push(readRow(header, row, unnamed));
      if (rows.length >= CHUNK_ROWS) {
        yield { rows, header };
        rows = [];
      }
    }
    if (!header) throw noHeader(type);
    if (rows.length) yield { rows, header };
  }

  private async tally(
    summary: ImportSummary,
    rows: ReadRow[],
    outcomes: Outcome[],
    header: HeaderMap,
    reject: (r: Rejection) => Promise<void>,
  ): Promise<void> {
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome === 'created') summary.created++;
      else if (outcome === 'updated') summary.updated++;
      else if (outcome === 'unchanged') summary.unchanged++;
      else {
        summary.rejected++;
        for (const problem of outcome)
          await reject({
            line: rows[i].line,
            column: columnName(summary.type, header, problem.field),
            reason: problem.reason,
          });
      }
    }
  }
}

/** A data row's cells as the API's input values, by the header's mapping; cell problems kept per field. */
function readRow(header: HeaderMap, row: SheetRow, unnamed: Set<number>): ReadRow {
  const values: Record<string, unknown> = {};
  const problems: ReadRow['problems'] = [];
  for (const p of row.problems) {
    const mapped = header.columns.find((c) => c.index === p.column - 1);
    problems.push({ field: mapped?.column.field ?? `#${p.column}`, reason: p.reason });
  }
  for (const { index, column, unit } of header.columns) {
    const cell = row.cells[index] ?? null;
    if (cell === null || problems.some((p) => p.field === column.field)) continue;
    const parsed = readCell(column, cell, unit);
    if ('problem' in parsed) problems.push({ field: column.field, reason: parsed.problem });
    else if (parsed.value !== null) values[column.field] = parsed.value;
  }
  row.cells.forEach((cell, index) => {
    if (cell !== null && !header.columns.some((c) => c.index === index) && !headerNamed(header, index))
      unnamed.add(index);
  });
  return { line: row.line, values, problems };
}

const headerNamed = (header: HeaderMap, index: number) => index < header.named.length && header.named[index];

/** The file's header of the column a problem is at (or the column's Chinese header when the file lacks it). */
function columnName(type: RecordKind, header: HeaderMap, field: string): string {
  const key = COLUMN_OF_FIELD[field] ?? field;
  const mapped = header.columns.find((c) => c.column.field === key);
  if (mapped) return mapped.header;
  return COLUMNS[type].find((c) => c.field === key)?.zh ?? key;
}

import fs from 'node:fs';
import path from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import type ExcelJSModule from 'exceljs';
import { badInput } from '../common/errors';
import { type Cell, plainCell } from './cells';
import { type Merge, readMerges } from './xlsx-merges';

/** A problem of one cell found while reading (a merged range, a spreadsheet error); column is 1-based. */
export interface CellProblem {
  column: number;
  reason: string;
}

/** A non-empty row as read: cells by column (0-based), and its line (CSV) or row number (XLSX). */
export interface SheetRow {
  line: number;
  cells: Cell[];
  problems: CellProblem[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  /** How the bytes were read: UTF-8, GB18030 (GBK's superset), UTF-16; or the workbook's own. */
  encoding: string;
  rows: AsyncIterable<SheetRow>;
  /** Bytes of the file read so far, for progress and the time left. */
  bytesRead: () => number;
  totalBytes: number;
}

/** The whole file cannot be read: nothing of it is imported. */
export const fileProblem = (message: string) => badInput('file', message);

const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
};

/** Opens a CSV or XLSX file for reading row by row; `encoding` (CSV only) overrides detection. */
export async function openSheet(file: string, encoding?: string): Promise<Sheet> {
  const ext = path.extname(file).toLowerCase();
  const totalBytes = (await fs.promises.stat(file)).size;
  let bytes = 0;
  // Counted as the reader pulls: a 'data' listener would start the stream before anyone reads it.
  // 64 KB reads: the CSV parser takes a read in one go, and while it does, the database's
  // answers wait (256 KB, about 1,300 rows, was several milliseconds at a time).
  const raw = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const input = raw.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  input.on('close', () => raw.destroy());
  const bytesRead = () => bytes;
  if (ext === '.xlsx')
    return { format: 'xlsx', encoding: 'xlsx (UTF-8)', rows: xlsxRows(file, input), bytesRead, totalBytes };
  if (ext !== '.csv' && ext !== '.txt') {
    input.destroy();
    throw fileProblem(
      `"${path.basename(file)}" is neither .csv nor .xlsx (an old .xls workbook: save it as .xlsx first)`,
    );
  }
  let chosen: string;
  try {
    chosen = encoding ? chosenEncoding(encoding) : await detectEncoding(file);
  } catch (err) {
    input.destroy();
    throw err;
  }
  return {
    format: 'csv',
    encoding: chosen === 'gb18030' ? 'GB18030 (GBK)' : chosen.toUpperCase(),
    rows: csvRows(input, chosen),
    bytesRead,
    totalBytes,
  };
}

function chosenEncoding(name: string): string {
  const encoding = ENCODINGS[name.toLowerCase()];
  if (!encoding) throw fileProblem(`unknown --encoding "${name}": use utf-8 or gbk`);
  return encoding;
}

/**
 * UTF-8 unless the start of the file is not valid UTF-8, then GB18030 (which reads GBK and
 * GB2312): Excel on Chinese Windows saves CSV as GBK, and Chinese text in GBK is almost
 * never valid UTF-8. Byte-order marks decide first.
 */
async function detectEncoding(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const sample = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    const head = sample.subarray(0, bytesRead);
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
    if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    try {
      // stream: a character cut by the end of the sample is not an error.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await handle.close();
  }
}

/** UTF-8 that fails on the first invalid byte instead of reading it as U+FFFD. */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        done(null, text);
      } catch {
        done(
          fileProblem(
            `the file is not valid UTF-8 (near byte ${offset.toLocaleString()}): if it is GBK, give --encoding gbk`,
          ),
        );
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(fileProblem('the file ends inside a UTF-8 character'));
      }
    },
  });
}

async function* csvRows(input: Readable, encoding: string): AsyncGenerator<SheetRow> {
  const decode = encoding === 'utf-8' ? strictUtf8() : iconv.decodeStream(encoding, { stripBOM: true });
  const parser = parseCsv({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 1_000_000,
  });
  pipeline(input, decode, parser, () => undefined);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = record.map((v) => (v.trim() === '' ? null : v));
      if (cells.every((v) => v === null)) continue;
      yield { line: info.lines, cells, problems: [] };
    }
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('CSV_'))
      throw fileProblem(`malformed CSV: ${(err as Error).message}`);
    throw err;
  } finally {
    input.destroy();
  }
}

interface WorksheetLike extends AsyncIterable<{ number: number; values: unknown[] }> {
  id: number;
}

/** The first worksheet, streaming; merged ranges are read first (xlsx-merges.ts) so they can be filled down. */
async function* xlsxRows(file: string, input: Readable): AsyncGenerator<SheetRow> {
  // Loaded for workbooks only: a CSV import does without its 20 MB.
  const ExcelJS = (await import('exceljs')).default as typeof ExcelJSModule;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader as unknown as AsyncIterable<WorksheetLike>) {
      const merges = new MergeFill(await readMerges(file, sheet.id));
      for await (const row of sheet) {
        const problems: CellProblem[] = [];
        const cells: Cell[] = [];
        row.values.forEach((value, column) => {
          const cell = plainCell(value);
          if (cell !== null && typeof cell === 'object' && 'error' in cell)
            problems.push({ column, reason: `the cell holds the spreadsheet error ${cell.error}` });
          else cells[column - 1] = typeof cell === 'string' && cell.trim() === '' ? null : cell;
        });
        merges.apply(row.number, cells, problems);
        for (let i = 0; i < cells.length; i++) cells[i] ??= null;
        if (cells.every((v) => v === null) && problems.length === 0) continue;
        yield { line: row.number, cells, problems };
      }
      return; // the first worksheet only
    }
    throw fileProblem('the workbook has no worksheet');
  } catch (err) {
    if ((err as Error).message?.match(/invalid signature|end of central directory|Unexpected/i))
      throw fileProblem(`not a readable .xlsx workbook (${(err as Error).message})`);
    throw err;
  } finally {
    input.destroy();
  }
}

/**
 * Merged cells as people mean them: a range merged down one column (所属区域 over five
 * customers) gives its value to every row it covers. A range across columns has no one
 * column its value belongs to: each row it covers gets a problem naming it.
 */
class MergeFill {
  private readonly tops = new Map<Merge, Cell>();
  constructor(private readonly merges: readonly Merge[]) {}

  apply(rowNumber: number, cells: Cell[], problems: CellProblem[]): void {
    for (const merge of this.merges) {
      if (rowNumber < merge.top || rowNumber > merge.bottom) continue;
      if (merge.right > merge.left) {
        problems.push({
          column: merge.left,
          reason: `merged across columns ${merge.left}–${merge.right} (${rangeName(merge)}): unmerge them so each value has one column`,
        });
        continue;
      }
      if (rowNumber === merge.top) this.tops.set(merge, cells[merge.left - 1] ?? null);
      else cells[merge.left - 1] = this.tops.get(merge) ?? null;
      if (rowNumber === merge.bottom) this.tops.delete(merge);
    }
  }
}

const letters = (n: number): string =>
  (n > 26 ? letters(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
const rangeName = (m: Merge) => `${letters(m.left)}${m.top}:${letters(m.right)}${m.bottom}`;

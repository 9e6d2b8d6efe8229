import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type ExcelJSModule from 'exceljs';

export type ExportFormat = 'csv' | 'xlsx';
export type Cell = string | number | null;

/** Rows out to a stream as they come: nothing but the current row is held. */
export interface RowWriter {
  row(cells: Cell[]): Promise<void>;
  end(): Promise<void>;
}

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * CSV in UTF-8 with a byte-order mark, so Excel on Chinese Windows reads it as UTF-8 rather
 * than GBK; csv-stringify quotes what needs quoting.
 */
function csvWriter(out: Writable): RowWriter {
  const csv = stringify({ bom: true });
  csv.pipe(out);
  return {
    async row(cells) {
      if (!csv.write(cells)) await once(csv, 'drain');
    },
    async end() {
      csv.end();
      await once(out, 'finish');
    },
  };
}

/** One worksheet written by exceljs's streaming writer: each row is committed (serialized) as it is added. */
async function xlsxWriter(out: Writable, sheetName: string): Promise<RowWriter> {
  // Loaded for workbooks only, as the import does.
  const ExcelJS = (await import('exceljs')).default as typeof ExcelJSModule;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  return {
    async row(cells) {
      sheet.addRow(cells).commit();
      // The zip stream buffers what the destination has not taken yet: wait for it to drain.
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

export function rowWriter(format: ExportFormat, out: Writable, sheetName: string): Promise<RowWriter> {
  return format === 'xlsx' ? xlsxWriter(out, sheetName) : Promise.resolve(csvWriter(out));
}

import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';

export type Row = (string | number | Date | null)[];

/** A 客户资料表 workbook as people make them: a title row above the header, merged ranges. */
export async function writeXlsx(file: string, rows: Row[], merges: string[] = []): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户资料表');
  for (const row of rows) sheet.addRow(row);
  for (const range of merges) sheet.mergeCells(range);
  await workbook.xlsx.writeFile(file);
}

/** Rows of a CSV file, quoted where needed, in UTF-8 or GBK. */
export function writeCsv(file: string, rows: Row[], encoding: 'utf-8' | 'gbk' = 'utf-8'): void {
  const quote = (v: Row[number]) => {
    const text = v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const text = rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
  fs.writeFileSync(file, encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
}

/** The report beside an imported file, as rows of [line, column, reason]. */
export function readReport(file: string): Promise<string[][]> {
  return new Promise((resolve, reject) =>
    parse(fs.readFileSync(file, 'utf8'), { bom: true }, (err, rows: string[][]) =>
      err ? reject(err) : resolve(rows.slice(1)),
    ),
  );
}

let codes = 0;
/** A fresh, valid 统一社会信用代码 per call. */
export const creditCode = () =>
  `91330100MA${String(process.pid % 1e4).padStart(4, '0')}${String(++codes).padStart(4, '0')}`;

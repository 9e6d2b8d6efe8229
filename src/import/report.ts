import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';

/** One refused row at one column: what the report file and the summary list. */
export interface Rejection {
  line: number;
  column: string;
  reason: string;
}

/** Rejections kept in memory for the summary; the report file has them all. */
export const SUMMARY_REJECTIONS = 100;

/** The report beside `file`: 客户资料表.xlsx → 客户资料表.report.csv. */
export const reportPathFor = (file: string) =>
  path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.report.csv`);

/**
 * The report file, written as rejections are found (a million bad rows never sit in
 * memory): UTF-8 with BOM so spreadsheet programs open it, one line per row and column.
 * Opened without following a symbolic link, so a link planted at the report's name cannot
 * redirect the write elsewhere.
 */
export class ReportFile {
  private readonly out = stringify({
    header: true,
    columns: [
      { key: 'line', header: '行号 line' },
      { key: 'column', header: '列 column' },
      { key: 'reason', header: '原因 reason' },
    ],
    bom: true,
  });
  private readonly done: Promise<void>;

  constructor(readonly path: string) {
    const fd = fs.openSync(
      path,
      fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_NOFOLLOW,
      0o640,
    );
    const file = fs.createWriteStream('', { fd });
    this.out.pipe(file);
    this.done = once(file, 'close').then(() => undefined);
  }

  async add(rejection: Rejection): Promise<void> {
    if (!this.out.write(rejection)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await this.done;
  }
}

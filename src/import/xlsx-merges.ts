import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
// unzipper ships no types; ParseOne streams the one zip entry whose path matches.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const unzipper = require('unzipper') as { ParseOne: (match: RegExp) => NodeJS.ReadWriteStream };

/** A merged range of a sheet, 1-based and inclusive. */
export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function decode(ref: string): Merge | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { left: columnNumber(m[1]), top: Number(m[2]), right: columnNumber(m[3]), bottom: Number(m[4]) };
}

/**
 * The merged ranges of worksheet `sheetNo` (xl/worksheets/sheetN.xml). exceljs's streaming
 * reader skips <mergeCells>, which comes after the rows in the sheet's XML, so the sheet is
 * read once more here, streaming, before its rows are imported.
 */
export function readMerges(file: string, sheetNo: number): Promise<Merge[]> {
  return new Promise((resolve, reject) => {
    const merges: Merge[] = [];
    const parser = new SaxesParser();
    parser.on('opentag', (node) => {
      if (node.name !== 'mergeCell') return;
      const merge = decode(String(node.attributes.ref ?? ''));
      if (merge) merges.push(merge);
    });
    parser.on('error', reject);
    const entry = fs
      .createReadStream(file)
      .pipe(unzipper.ParseOne(new RegExp(`^xl/worksheets/sheet${sheetNo}\\.xml$`)));
    const text = new StringDecoder('utf8');
    entry.on('data', (chunk: Buffer) => parser.write(text.write(chunk)));
    entry.on('end', () => {
      parser.write(text.end());
      parser.close();
      resolve(merges);
    });
    entry.on('error', reject);
  });
}

import { cellText } from './cells';
import { type Column, columnFor, COLUMNS, type RecordKind } from './columns';
import { fileProblem, type SheetRow } from './source';

/** One column of the file as understood: the spec it maps to, and the unit its header names. */
export interface MappedColumn {
  index: number;
  header: string;
  column: Column;
  unit: bigint;
}

/** How the header row maps the file's columns, with what was not understood. */
export interface HeaderMap {
  line: number;
  columns: MappedColumn[];
  /** Headers that name no column of this kind: reported, never silently dropped. */
  unknown: string[];
  /** Columns exported for reading only (档案状态, 交易次数 …): left as they are. */
  readOnly: string[];
  /** Per column (0-based), whether the header row names it at all (known or not). */
  named: boolean[];
}

/** Rows before the header row that may be titles (客户资料表, 填表日期 …), at most. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header row is the first row naming at least two known columns (or one, when it has
 * only one cell): title rows above it are skipped. Null when this row is not it.
 */
export function headerOf(kind: RecordKind, row: SheetRow): HeaderMap | null {
  const texts = row.cells.map((c) => cellText(c));
  const named = texts.filter((t): t is string => t !== null);
  const known = named.filter((t) => columnFor(kind, t));
  if (known.length < Math.min(2, named.length) || known.length === 0) return null;
  const map: HeaderMap = {
    line: row.line,
    columns: [],
    unknown: [],
    readOnly: [],
    named: texts.map((t) => t !== null),
  };
  const seen = new Map<string, string>();
  texts.forEach((header, index) => {
    if (header === null) return;
    const found = columnFor(kind, header);
    if (!found) return void map.unknown.push(header);
    const twice = seen.get(found.column.field);
    if (twice !== undefined)
      throw fileProblem(
        `line ${row.line}: the columns "${twice}" and "${header}" both mean ${found.column.zh} (${found.column.field})`,
      );
    seen.set(found.column.field, header);
    if (found.column.readOnly) map.readOnly.push(header);
    else map.columns.push({ index, header, column: found.column, unit: found.unit });
  });
  return map;
}

export function noHeader(kind: RecordKind): Error {
  const examples = COLUMNS[kind]
    .slice(0, 4)
    .map((c) => `${c.zh}/${c.field}`)
    .join(', ');
  return fileProblem(
    `no header row: none of the first ${HEADER_SEARCH_ROWS} rows names the columns of ${kind} (such as ${examples}); see the column table in the README`,
  );
}

import { toMoney } from '../common/decimal.scalar';

/** A cell as the readers give it: CSV gives text; XLSX also numbers, dates and booleans. */
export type Cell = string | number | boolean | Date | null;

/** What a cell became: the value for the API input, or why it could not be read. */
export type Parsed = { value: unknown } | { problem: string };

const problem = (text: string): Parsed => ({ problem: text });
const ok = (value: unknown): Parsed => ({ value });

/** exceljs cell values (rich text, formulas, hyperlinks, errors) as plain cells. */
export function plainCell(value: unknown): Cell | { error: string } {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  const v = value as {
    richText?: { text: string }[];
    result?: unknown;
    text?: unknown;
    error?: string;
    formula?: string;
  };
  if (v.richText) return v.richText.map((part) => part.text).join('');
  if (v.error) return { error: v.error };
  if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? null : (plainCell(v.result) as Cell);
  if (typeof v.text === 'string') return v.text;
  return String(value);
}

/** Full-width digits and signs (１２３，４５６．７８) as ASCII: common in Chinese spreadsheets. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A cell as one line of text; numbers as written (no exponent for phone numbers kept as numbers). */
export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'number') return Number.isInteger(cell) ? BigInt(cell).toString() : String(cell);
  const text = String(cell).trim();
  return text === '' ? null : text;
}

/** Text as the API takes it: the validators of the input decide what is acceptable. */
export const parseText = (cell: Cell): Parsed => ok(cellText(cell));

const UNITS: Record<string, bigint> = { '': 1n, 万: 10_000n, 亿: 100_000_000n };

/**
 * An amount in CNY: "1,234.50", "¥1234", "12万", "1.5亿", or a number cell. `unit` is the
 * multiplier the column header names (注册资本(万元)). The result is exact (cents as BigInt),
 * then normalized by the same function as the API's Decimal scalar.
 */
export function parseMoney(cell: Cell, unit = 1n): Parsed {
  if (typeof cell === 'number') return parseMoney(String(cell), unit);
  const raw = cellText(cell);
  if (raw === null) return ok(null);
  const text = halfWidth(raw).replace(/[\s,¥￥]|元$|RMB|CNY/gi, '');
  const m = /^(-?)(\d+)(?:\.(\d+))?(万|亿)?$/.exec(text);
  if (!m) return problem(`"${raw}" is not an amount (e.g. 1,234.50, 12万 or 1.5亿)`);
  const [, sign, whole, frac = '', word = ''] = m;
  const scale = 10n ** BigInt(frac.length);
  const multiplier = UNITS[word] * unit;
  const units = BigInt(whole + frac) * multiplier * 100n;
  if (units % scale !== 0n) return problem(`"${raw}" has more than 2 decimals (cents) once in 元`);
  const cents = units / scale;
  const yuan = `${sign}${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
  try {
    return ok(toMoney(yuan));
  } catch (err) {
    return problem(`"${raw}": ${(err as Error).message}`);
  }
}

/** A whole number: "1,200", "35人", "12年", a number cell. */
export function parseInt10(cell: Cell): Parsed {
  const raw = cellText(cell);
  if (raw === null) return ok(null);
  const text = halfWidth(raw).replace(/[\s,]|人|年|天|家$/g, '');
  if (!/^-?\d{1,10}$/.test(text)) return problem(`"${raw}" is not a whole number`);
  return ok(Number(text));
}

/** A plain number or a percentage in percent: "12.5" and "12.5%" are both 12.5. */
export function parseNumber(cell: Cell): Parsed {
  const raw = cellText(cell);
  if (raw === null) return ok(null);
  const text = halfWidth(raw).replace(/[\s,%]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return problem(`"${raw}" is not a number`);
  return ok(Number(text));
}

/** 1–5 stars: "3", "★★★" or "3星". */
export function parseStars(cell: Cell): Parsed {
  const raw = cellText(cell);
  if (raw !== null && /^[★☆]+$/.test(raw)) return ok([...raw].filter((c) => c === '★').length);
  return parseInt10(typeof cell === 'string' ? cell.replace(/星$/, '') : cell);
}

const YES = new Set(['是', '有', 'Y', 'YES', 'TRUE', '1', '√', '✓']);
const NO = new Set(['否', '无', 'N', 'NO', 'FALSE', '0', '×', '✗']);

export function parseBoolean(cell: Cell): Parsed {
  if (typeof cell === 'boolean') return ok(cell);
  const raw = cellText(cell);
  if (raw === null) return ok(null);
  const text = halfWidth(raw).toUpperCase();
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return problem(`"${raw}" is not yes or no (是/否)`);
}

const pad = (n: string | number) => String(n).padStart(2, '0');

/**
 * A day: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, or a date cell (Excel
 * stores days as midnight UTC). The API's validator then checks that the day exists.
 */
export function parseDay(cell: Cell): Parsed {
  if (cell instanceof Date) return ok(cell.toISOString().slice(0, 10));
  const raw = cellText(cell);
  if (raw === null) return ok(null);
  const text = halfWidth(raw);
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))$/.exec(text);
  if (!m) return problem(`"${raw}" is not a date (e.g. 2024-03-05, 2024/3/5 or 2024年3月5日)`);
  return ok(`${m[1]}-${pad(m[2] ?? m[4])}-${pad(m[3] ?? m[5])}`);
}

/** Business times are Chinese: a time written without a zone is China Standard Time (UTC+8). */
const CHINA = '+08:00';

/**
 * A time: a day as above (midnight in China), optionally with a time of day (2024/3/5
 * 14:30, 2024年3月5日 14时30分), an ISO time with its zone, or a date cell. As an ISO
 * string, for the API's DateTime scalar.
 */
export function parseTime(cell: Cell): Parsed {
  // A spreadsheet keeps a wall-clock time without a zone; exceljs hands it over as if it were UTC.
  if (cell instanceof Date) return ok(new Date(cell.toISOString().replace('Z', CHINA)).toISOString());
  const raw = cellText(cell);
  if (raw === null) return ok(null);
  const text = halfWidth(raw);
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)))
    return ok(new Date(text).toISOString());
  // Milliseconds as exports write them (a recorded trade's time, read back unchanged).
  const m = /^(.+?)(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.(\d{1,3}))?秒?)?分?)?$/.exec(text);
  const day = m ? parseDay(m[1]) : null;
  if (!m || !day || 'problem' in day) return problem(`"${raw}" is not a time (e.g. 2024-03-05 14:30 or 2024年3月5日)`);
  const at = new Date(
    `${day.value as string}T${pad(m[2] ?? 0)}:${pad(m[3] ?? 0)}:${pad(m[4] ?? 0)}.${(m[5] ?? '0').padEnd(3, '0')}${CHINA}`,
  );
  if (Number.isNaN(at.getTime())) return problem(`"${raw}" is not a time (e.g. 2024-03-05 14:30 or 2024年3月5日)`);
  return ok(at.toISOString());
}

/** One of a closed set: the Chinese label, or the API's enum value in any case. */
export function parseChoice(labels: Readonly<Record<string, string>>, values: readonly string[]) {
  const lookup = new Map<string, string>();
  for (const value of values) lookup.set(value.toUpperCase(), value);
  for (const [label, value] of Object.entries(labels)) lookup.set(label.toUpperCase(), value);
  const shown = [...new Set(Object.keys(labels))].slice(0, 12).join(', ');
  return (cell: Cell): Parsed => {
    const raw = cellText(cell);
    if (raw === null) return ok(null);
    const value = lookup.get(halfWidth(raw).replace(/\s/g, '').toUpperCase());
    return value === undefined ? problem(`"${raw}" is not one of ${shown} (or ${values.join(', ')})`) : ok(value);
  };
}

/**
 * A time read with raw SQL (an aggregate such as MAX(occurred_at)): MySQL answers a Date,
 * SQLite the text TypeORM stored, 'YYYY-MM-DD HH:MM:SS.SSS' in UTC (db/timestamps.ts).
 */
export function fromDbTime(value: unknown): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

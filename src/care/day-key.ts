/**
 * Yearly dates (birthdays, founding days, first-trade days) as month × 100 + day: 1225 is
 * 25 December. Stored beside the date they come from, so "in the next N days" is an index
 * range of this number, and the year of the date plays no part. Dates are UTC, as every
 * date of the API.
 */

/** The key of a 'YYYY-MM-DD' day or of a moment (its UTC day); null stays null. */
export function dayKey(value: string | Date | null | undefined): number | null {
  if (value == null) return null;
  if (value instanceof Date) return (value.getUTCMonth() + 1) * 100 + value.getUTCDate();
  const match = /^\d{4}-(\d{2})-(\d{2})/.exec(value);
  return match ? Number(match[1]) * 100 + Number(match[2]) : null;
}

/** The keys from `today` through `days` days later: one range, or two when it passes 31 December. */
export interface KeyWindow {
  from: number;
  to: number;
  /** True when the window runs over the year's end: keys ≥ from, then keys ≤ to. */
  wraps: boolean;
}

export function keyWindow(today: Date, days: number): KeyWindow {
  const end = new Date(today.getTime() + days * 86_400_000);
  return { from: dayKey(today)!, to: dayKey(end)!, wraps: end.getUTCFullYear() !== today.getUTCFullYear() };
}

/**
 * The next day on or after `today` (UTC) whose month and day are `key`'s, as 'YYYY-MM-DD';
 * 29 February falls on 28 February in other years.
 */
export function nextOccurrence(key: number, today: Date): string {
  const month = Math.floor(key / 100);
  const day = key % 100;
  let year = today.getUTCFullYear();
  if (key < dayKey(today)!) year++;
  const leap = (y: number) => new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1;
  const onDay = month === 2 && day === 29 && !leap(year) ? 28 : day;
  return `${year}-${String(month).padStart(2, '0')}-${String(onDay).padStart(2, '0')}`;
}

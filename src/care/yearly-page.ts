import { badInput } from '../common/errors';
import type { Page, PageArgs } from '../common/connection';
import { pageWindow, type PageWindow, toPage } from '../common/paging';
import type { KeyWindow } from './day-key';

/**
 * Keyset paging of "in the next N days" lists of yearly dates (birthdays, anniversaries): in
 * date order from today, which passes from 31 December to 1 January when the window does, so
 * the order is not that of the stored day key but of its distance from today's key,
 * `ahead`; ties by a row key. Cursors carry that distance (which the caller reads as the date
 * anyway) and the row's opaque id, as every list's cursors do.
 */

/** SQL: how far the day key `column` lies ahead of the window's start, in day-key units. */
export const aheadOf = (column: string) =>
  `(CASE WHEN ${column} >= :keyFrom THEN ${column} - :keyFrom ELSE ${column} + 10000 - :keyFrom END)`;

/** SQL: the day key `column` falls in the window. */
export const inWindow = (column: string, w: KeyWindow) =>
  w.wraps ? `(${column} >= :keyFrom OR ${column} <= :keyTo)` : `(${column} >= :keyFrom AND ${column} <= :keyTo)`;

export const windowParams = (w: KeyWindow) => ({ keyFrom: w.from, keyTo: w.to });

/** A row's place in the list: its distance ahead and its opaque row key. */
export interface Place {
  ahead: number;
  key: string;
}

export const encodePlace = (p: Place) => Buffer.from(JSON.stringify([p.ahead, p.key]), 'utf8').toString('base64url');

/** The place a cursor of this list stands for; `parseKey` opens the row key (null: not one of ours). */
export function decodePlace<K>(
  cursor: string,
  arg: string,
  parseKey: (key: string) => K | null,
): { ahead: number; key: K } {
  try {
    const [ahead, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const parsed = typeof key === 'string' ? parseKey(key) : null;
    if (Number.isInteger(ahead) && parsed !== null) return { ahead: ahead as number, key: parsed };
  } catch {
    /* the typed error below */
  }
  throw badInput(arg, 'not a cursor of this list');
}

/** The page window of the arguments, with the cursors it starts after or ends before. */
export const windowOf = (args: PageArgs): PageWindow => pageWindow(args);

/** A page of rows fetched in list order (reversed when paging backward), one beyond the page. */
export const yearlyPage = <T extends object>(
  rows: T[],
  win: PageWindow,
  placeOf: (row: T) => Place,
  count: () => Promise<number>,
): Page<T> => toPage(rows, (row) => encodePlace(placeOf(row)), win, count);

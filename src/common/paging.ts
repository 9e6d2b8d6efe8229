import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { idOrNull, toGlobalId } from './global-id';
import { DEFAULT_PAGE_SIZE, type Page, type PageArgs } from './connection';
import { entitiesOf, selectOnly } from './rows';

export type Direction = 'ASC' | 'DESC';

/** One sort key of a list: the entity property and how its value travels in a cursor. */
export interface SortKey {
  property: string;
  kind: 'string' | 'number' | 'date';
}

export interface SortSpec {
  key: SortKey;
  direction: Direction;
}

type CursorValue = string | number;
const flip = (d: Direction): Direction => (d === 'ASC' ? 'DESC' : 'ASC');

/**
 * Cursors carry the sort value of the edge, which the caller can read anyway, and the row's
 * opaque global id (common/global-id.ts): no row id, so no count or gap shows through.
 */
export function encodeCursor(row: ObjectLiteral, sort: SortSpec): string {
  const raw = row[sort.key.property];
  // A list in row-id order would carry the row id itself as its sort value: it has the sealed id only.
  const value = sort.key.property === 'id' ? null : raw instanceof Date ? raw.toISOString() : raw;
  return Buffer.from(JSON.stringify([value, toGlobalId(row.constructor.name, row.id)]), 'utf8').toString('base64url');
}

/** The sort value and row id of a cursor of a `type` list; anything else is refused as bad input. */
function decodeCursor(cursor: string, type: string, sort: SortSpec, arg: string): [unknown, number] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const id = Array.isArray(parsed) && parsed.length === 2 ? idOrNull(parsed[1], type) : null;
    if (id !== null) {
      const value = parsed[0] as CursorValue | null;
      if (sort.key.property === 'id' && value === null) return [id, id];
      if (sort.key.kind === 'date' && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
        return [new Date(value), id];
      if (sort.key.kind === 'number' && typeof value === 'number') return [value, id];
      if (sort.key.kind === 'string' && typeof value === 'string') return [value, id];
    }
  } catch {
    /* fall through to the typed error */
  }
  throw badInput(arg, 'not a cursor of this list (was the order changed?)');
}

export interface PageWindow {
  limit: number;
  backward: boolean;
  after?: string;
  before?: string;
}

export function pageWindow(args: PageArgs): PageWindow {
  if (args.first != null && args.last != null) throw badInput('last', 'use either first or last, not both');
  if (args.last != null) return { limit: args.last, backward: true, after: args.after, before: args.before };
  return { limit: args.first ?? DEFAULT_PAGE_SIZE, backward: false, after: args.after, before: args.before };
}

let paramSeq = 0;

/**
 * Where a list's sort value and row id are read for its ORDER BY and cursors, when not from the
 * row itself: a joined row holding equal values in an index of that order (customers'
 * search, name-search.ts), so the database walks that index.
 */
export interface OrderColumns {
  value: string;
  id: string;
}

const orderColumns = (alias: string, sort: SortSpec, columns?: OrderColumns): OrderColumns =>
  columns ?? { value: `${alias}.${sort.key.property}`, id: `${alias}.id` };

/** Adds "row comes after (or before) the cursor" in keyset form: (v > x) OR (v = x AND id > y). */
export function applyCursor<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  sort: SortSpec,
  cursor: string,
  side: 'after' | 'before',
  columns?: OrderColumns,
): void {
  const [value, id] = decodeCursor(cursor, qb.expressionMap.mainAlias!.metadata.name, sort, side);
  const ascending = (sort.direction === 'ASC') === (side === 'after');
  const op = ascending ? '>' : '<';
  const n = ++paramSeq;
  const on = orderColumns(alias, sort, columns);
  qb.andWhere(`(${on.value} ${op} :cv${n} OR (${on.value} = :cv${n} AND ${on.id} ${op} :ci${n}))`, {
    [`cv${n}`]: value,
    [`ci${n}`]: id,
  });
}

export function applyOrder<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  sort: SortSpec,
  backward: boolean,
  columns?: OrderColumns,
) {
  const dir = backward ? flip(sort.direction) : sort.direction;
  const on = orderColumns(alias, sort, columns);
  qb.orderBy(on.value, dir).addOrderBy(on.id, dir);
}

/**
 * Runs one page of a keyset-paginated list. `qb` is already scoped and filtered;
 * the count query is built from a clone and only runs when `totalCount` is read.
 * `properties` (selection.ts propertiesFor) narrows the columns read; null reads them all.
 * `columns`: where the order and cursors read the sort value and id, when not on the row.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  sort: SortSpec,
  args: PageArgs,
  properties: readonly string[] | null = null,
  columns?: OrderColumns,
): Promise<Page<T>> {
  const win = pageWindow(args);
  const countQb = qb.clone();
  if (win.after) applyCursor(qb, alias, sort, win.after, 'after', columns);
  if (win.before) applyCursor(qb, alias, sort, win.before, 'before', columns);
  applyOrder(qb, alias, sort, win.backward, columns);
  if (properties) selectOnly(qb, [...properties, sort.key.property]);
  const rows = win.limit === 0 ? [] : await entitiesOf(qb.limit(win.limit + 1));
  return toPage(rows, sort, win, () => countQb.getCount());
}

/**
 * An edge whose cursor is sealed only when read: a nested page (a customer's last 5 trades)
 * rarely asks for its edges' cursors, and sealing one is most of an edge's cost.
 */
class Edge<T> {
  private sealed?: string;
  constructor(
    readonly node: T,
    private readonly cursorOf: (node: T) => string,
  ) {}
  get cursor(): string {
    return (this.sealed ??= this.cursorOf(this.node));
  }
}

/**
 * Trims the look-ahead row, restores display order and builds edges and pageInfo. The cursor
 * of a row is that of its sort key, or what `sort` makes of it for a list in another order.
 */
export function toPage<T extends ObjectLiteral>(
  rows: T[],
  sort: SortSpec | ((row: T) => string),
  win: PageWindow,
  count: () => Promise<number>,
): Page<T> {
  const more = rows.length > win.limit;
  const visible = more ? rows.slice(0, win.limit) : rows;
  if (win.backward) visible.reverse();
  const cursorOf = typeof sort === 'function' ? sort : (node: T) => encodeCursor(node, sort);
  const edges = visible.map((node) => new Edge(node, cursorOf));
  let counted: Promise<number> | undefined;
  return {
    edges,
    // Cursors sealed only when asked, as an edge's: a list page's 100 nested pages rarely ask.
    pageInfo: {
      hasNextPage: win.backward ? Boolean(win.before) : more,
      hasPreviousPage: win.backward ? more : Boolean(win.after),
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    get totalCount() {
      counted ??= count();
      return counted;
    },
  };
}

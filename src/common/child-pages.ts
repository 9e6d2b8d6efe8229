import { type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';
import { type Page, type PageArgs } from './connection';
import { applyCursor, pageWindow, type SortSpec, toPage } from './paging';
import type { Loaders } from './loaders';
import { entitiesOf, selectOnly } from './rows';
import { reuseSql } from './reuse-sql';

/**
 * Pages of children for many parents in ONE statement: a window function numbers each
 * parent's rows in list order and keeps the first n+1 of each (n+1 tells hasNextPage).
 * `scope` narrows the rows exactly as the top-level list of the same type would.
 */
export async function loadChildPages<T extends ObjectLiteral>(opts: {
  repo: Repository<T>;
  parentProperty: string;
  parentIds: readonly number[];
  sort: SortSpec;
  args: PageArgs;
  scope?: (qb: SelectQueryBuilder<T>, alias: string) => void;
  count: (parentId: number) => Promise<number>;
  /** Columns to read (selection.ts propertiesFor); null: all. */
  properties?: readonly string[] | null;
  /**
   * What `scope`'s text depends on (row-scope.ts scopeVariant): given, a first page's SQL
   * text is built once per shape (common/reuse-sql.ts). A page after a cursor is built each time.
   */
  scopeVariant?: string;
}): Promise<Page<T>[]> {
  const { repo, parentProperty, parentIds, sort, args } = opts;
  const win = pageWindow(args);
  const byParent = new Map<number, T[]>(parentIds.map((id) => [id, []]));
  if (win.limit > 0 && parentIds.length > 0) {
    const col = (prop: string) => repo.metadata.findColumnsWithPropertyPath(prop)[0].databaseName;
    const dir = win.backward ? (sort.direction === 'ASC' ? 'DESC' : 'ASC') : sort.direction;
    const inner = repo
      .createQueryBuilder('w')
      .select('w.id', 'rid')
      .addSelect(
        `ROW_NUMBER() OVER (PARTITION BY w.${col(parentProperty)} ORDER BY w.${col(sort.key.property)} ${dir}, w.id ${dir})`,
        'rn',
      )
      .where(`w.${parentProperty} IN (:...parentIds)`, { parentIds: [...parentIds] });
    opts.scope?.(inner, 'w');
    if (win.after) applyCursor(inner, 'w', sort, win.after, 'after');
    if (win.before) applyCursor(inner, 'w', sort, win.before, 'before');
    const shape =
      opts.scopeVariant !== undefined && !win.after && !win.before
        ? `${repo.metadata.tableName}:page-by:${parentProperty}:${sort.key.property}:${dir}:${opts.scopeVariant}:${opts.properties?.join(',') ?? '*'}`
        : null;
    if (shape) reuseSql(inner, `${shape}:ranked`);
    const outer = repo
      .createQueryBuilder('r')
      .where(`r.id IN (SELECT ranked.rid FROM (${inner.getQuery()}) ranked WHERE ranked.rn <= :windowLimit)`)
      .setParameters({ ...inner.getParameters(), windowLimit: win.limit + 1 })
      .orderBy(`r.${sort.key.property}`, dir)
      .addOrderBy('r.id', dir);
    if (opts.properties) selectOnly(outer, [...opts.properties, parentProperty, sort.key.property]);
    if (shape) reuseSql(outer, shape);
    const rows = await entitiesOf(outer);
    for (const row of rows) byParent.get(row[parentProperty] as number)?.push(row);
  }
  return parentIds.map((id) => toPage(byParent.get(id) ?? [], sort, win, () => opts.count(id)));
}

/** Per-parent counts with one GROUP BY. */
export async function countByParent<T extends ObjectLiteral>(
  repo: Repository<T>,
  parentProperty: string,
  parentIds: readonly number[],
  scope?: (qb: SelectQueryBuilder<T>, alias: string) => void,
): Promise<number[]> {
  const qb = repo
    .createQueryBuilder('c')
    .select(`c.${parentProperty}`, 'pid')
    .addSelect('COUNT(*)', 'n')
    .where(`c.${parentProperty} IN (:...parentIds)`, { parentIds: [...parentIds] })
    .groupBy(`c.${parentProperty}`);
  scope?.(qb, 'c');
  const rows: { pid: number | string; n: number | string }[] = await qb.getRawMany();
  const counts = new Map(rows.map((r) => [Number(r.pid), Number(r.n)]));
  return parentIds.map((id) => counts.get(id) ?? 0);
}

/**
 * One parent's page of children, batched with every other parent asking the same page
 * in this request: two statements per relation level at most (rows, and counts if read).
 */
export function childPage<T extends ObjectLiteral>(
  caller: { loaders: Loaders },
  opts: {
    name: string;
    repo: Repository<T>;
    parentProperty: string;
    parentId: number;
    sort: SortSpec;
    args: PageArgs;
    scope?: (qb: SelectQueryBuilder<T>, alias: string) => void;
    /** The columns to read of each child (selection.ts propertiesFor); left out or null: every column. */
    properties?: readonly string[] | null;
    /** What `scope`'s text depends on: a first page's text is then built once (loadChildPages). */
    scopeVariant?: string;
  },
): Promise<Page<T>> {
  const { repo, parentProperty, sort, args, scope, properties, scopeVariant } = opts;
  const key = `${opts.name}:${JSON.stringify([args.first, args.after, args.last, args.before, sort, properties])}`;
  const counts = caller.loaders.get<number, number>(`${opts.name}:count`, (ids) =>
    countByParent(repo, parentProperty, ids, scope),
  );
  const pages = caller.loaders.get<number, Page<T>>(key, (ids) =>
    loadChildPages({
      repo,
      parentProperty,
      parentIds: ids,
      sort,
      args,
      scope,
      properties,
      scopeVariant,
      count: (id) => counts.load(id),
    }),
  );
  return pages.load(opts.parentId);
}

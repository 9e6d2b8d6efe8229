import type { DataSource } from 'typeorm';
import type { Dialect } from './db';
import type { CountingLogger } from './query-counter';

/** What a plan test asks of one table's access in a statement's plan. */
export interface TablePlan {
  /** The index read (its name), 'none' for a table scan; the whole plan when no index was found (SQLite). */
  index: string;
  /** A sort the index order did not give (MySQL filesort, SQLite TEMP B-TREE for ORDER BY). */
  sorts: boolean;
  /** The index alone answered: no row of the table was read. */
  covering: boolean;
}

/**
 * The plan of the statement `which` picks among those `run` sent (logged by `sql`), for the
 * table aliased `alias` in it: EXPLAIN on MySQL/MariaDB, EXPLAIN QUERY PLAN on SQLite, run
 * with the statement's own parameters.
 */
export async function planOf(
  ds: DataSource,
  dialect: Dialect,
  sql: CountingLogger,
  run: () => Promise<unknown>,
  which: (statement: string) => boolean,
  alias: string,
): Promise<TablePlan> {
  sql.reset();
  await run();
  const at = sql.queries.findIndex(which);
  if (at < 0) throw new Error(`no statement of the run matched: ${sql.queries.join('\n')}`);
  const params = sql.parameters[at];
  if (dialect === 'sqlite') {
    const plan = ((await ds.query(`EXPLAIN QUERY PLAN ${sql.queries[at]}`, params)) as { detail: string }[])
      .map((r) => r.detail)
      .join('; ');
    const access = new RegExp(`(?:SEARCH|SCAN) ${alias} USING (COVERING )?INDEX (\\S+)`).exec(plan);
    return {
      index: access?.[2] ?? plan,
      sorts: /TEMP B-TREE FOR (?:RIGHT PART OF )?ORDER BY/.test(plan),
      covering: Boolean(access?.[1]),
    };
  }
  const rows = (await ds.query(`EXPLAIN ${sql.queries[at]}`, params)) as {
    table: string;
    key: string | null;
    Extra: string | null;
  }[];
  const row = rows.find((r) => r.table === alias);
  if (!row) throw new Error(`no table ${alias} in the plan: ${JSON.stringify(rows)}`);
  return {
    index: row.key ?? 'none',
    sorts: /filesort/i.test(row.Extra ?? ''),
    covering: /Using index(?! condition)/.test(row.Extra ?? ''),
  };
}

/** The name of the index of `table` on exactly these columns, in this order (undefined if none). */
export async function indexOn(
  ds: DataSource,
  dialect: Dialect,
  table: string,
  columns: readonly string[],
): Promise<string | undefined> {
  const names = (await ds.query(
    dialect === 'mysql'
      ? 'SELECT index_name AS n, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS c FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? GROUP BY index_name'
      : 'SELECT il.name AS n, (SELECT group_concat(name) FROM pragma_index_info(il.name)) AS c FROM pragma_index_list(?) il',
    [table],
  )) as { n: string; c: string }[];
  return names.find((r) => r.c === columns.join(','))?.n;
}

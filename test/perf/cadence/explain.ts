import type mysql from 'mysql2/promise';

/** One table access of a plan, as EXPLAIN shows it. */
export interface PlanRow {
  table: string | null;
  type: string | null;
  key: string | null;
  /** The key's columns, e.g. "owner_id, follow_up_due_at, id" (TypeORM names indexes by hash). */
  keyColumns: string | null;
  /** The optimizer's estimate. */
  rows: number | null;
  extra: string | null;
}

export interface ExplainedStatement {
  sql: string;
  plan: PlanRow[];
  /**
   * Rows the server read to answer the statement once, counted by InnoDB's handler (the sum of
   * the session's Handler_read_* after FLUSH STATUS): what "no full scan" is checked against.
   */
  rowsExamined: number;
}

const HANDLER_READS = [
  'Handler_read_first',
  'Handler_read_key',
  'Handler_read_last',
  'Handler_read_next',
  'Handler_read_prev',
  'Handler_read_rnd',
  'Handler_read_rnd_next',
];

/**
 * EXPLAIN of a statement as the API sent it (from the general log, values inlined), and the
 * rows it examines when run once on `conn` (a connection to the benchmark's database).
 */
export async function explain(conn: mysql.Connection, sql: string): Promise<ExplainedStatement> {
  const [planRows] = (await conn.query(`EXPLAIN ${sql}`)) as unknown as [Record<string, unknown>[]];
  const [indexes] = (await conn.query(
    `SELECT table_name AS t, index_name AS k, GROUP_CONCAT(column_name ORDER BY seq_in_index SEPARATOR ', ') AS c
     FROM information_schema.statistics WHERE table_schema = DATABASE() GROUP BY table_name, index_name`,
  )) as unknown as [{ t: string; k: string; c: string }[]];
  await conn.query('FLUSH STATUS');
  await conn.query(sql);
  const [status] = (await conn.query("SHOW SESSION STATUS LIKE 'Handler_read%'")) as unknown as [
    { Variable_name: string; Value: string }[],
  ];
  const rowsExamined = status
    .filter((s) => HANDLER_READS.includes(s.Variable_name))
    .reduce((sum, s) => sum + Number(s.Value), 0);
  return {
    sql,
    plan: planRows.map((r) => ({
      table: (r.table as string) ?? null,
      type: (r.type as string) ?? null,
      key: (r.key as string) ?? null,
      keyColumns: indexes.find((i) => i.k === r.key && sql.includes(`\`${i.t}\``))?.c ?? null,
      rows: r.rows == null ? null : Number(r.rows),
      extra: (r.Extra as string) ?? null,
    })),
    rowsExamined,
  };
}

/** The statement that reads the page: the SELECT from customer with ORDER BY … LIMIT. */
export const isPageStatement = (sql: string) =>
  /^\s*SELECT/i.test(sql) && /FROM\s+`customer`/i.test(sql) && /ORDER BY/i.test(sql) && /LIMIT/i.test(sql);

/** The statement totalCount runs: COUNT over the same rows. */
export const isCountStatement = (sql: string) => /^\s*SELECT\s+COUNT/i.test(sql) && /FROM\s+`customer`/i.test(sql);

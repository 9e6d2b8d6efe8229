import { type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, QueryFailedError } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dialectOf } from './data-source';
import { groupBy } from '../common/group-by';

/** Bound parameters per statement, under SQLite's 32,766 and MySQL's 65,535. */
const PARAMETERS = { sqlite: 30_000, mysql: 60_000 } as const;

/**
 * Multi-row INSERTs of many rows: TypeORM's insert builder spent more CPU writing the text
 * of a thousand-row INSERT (a parameter name per value, each looked up again) than the
 * database spent storing it. Values are prepared by the driver exactly as TypeORM prepares
 * them (transformers, dates, booleans); a property a row leaves out gets the column's
 * default. Rows giving the same properties share a statement. `ignoreDuplicates`: a row whose
 * key is taken is skipped (INSERT IGNORE, INSERT OR IGNORE), for tables of derived keys.
 */
export async function insertRows(
  em: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  rows: readonly ObjectLiteral[],
  options: { ignoreDuplicates?: boolean; ids?: boolean } = {},
): Promise<number[] | null> {
  // `ids`: the generated ids, in the order of `rows`, when each statement's are known from its answer.
  const ids: number[] | null = options.ids && !options.ignoreDuplicates && (await idsFollowOn(em)) ? [] : null;
  const position = ids ? new Map(rows.map((row, i) => [row, i])) : null;
  const meta = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = new Map(meta.columns.filter((c) => !c.isVirtualProperty).map((c) => [c.propertyName, c]));
  // One statement shape per set of given columns.
  const groups = groupBy(rows, (row) =>
    Object.keys(row)
      .filter((k) => row[k] !== undefined)
      .join(','),
  );
  for (const [key, group] of groups) {
    const given: ColumnMetadata[] = key.split(',').map((property) => {
      const column = columns.get(property);
      if (!column) throw new Error(`insertRows: ${meta.tableName} has no column for ${property}`);
      return column;
    });
    const perStatement = PARAMETERS[dialectOf(em.connection)] / given.length;
    const ignore = options.ignoreDuplicates ? { mysql: ' IGNORE', sqlite: ' OR IGNORE' }[dialectOf(em.connection)] : '';
    const head = `INSERT${ignore} INTO ${driver.escape(meta.tableName)} (${given.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
    const tuple = `(${given.map(() => '?').join(', ')})`;
    for (let i = 0; i < group.length;) {
      const count = statementRows(group.length - i, perStatement);
      const params: unknown[] = [];
      for (let r = i; r < i + count; r++)
        for (const c of given) params.push(driver.preparePersistentValue(group[r][c.propertyName], c));
      const first = await executePrepared(em, head + Array(count).fill(tuple).join(', '), params, count);
      if (ids) for (let r = 0; r < count; r++) ids[position!.get(group[i + r])!] = first + r;
      i += count;
    }
  }
  return ids;
}

const followOn = new WeakMap<DataSource, Promise<boolean>>();

/**
 * Whether the rows of one multi-row INSERT get consecutive ids, from the first one the
 * statement answers with. SQLite: one writer at a time, each row the next rowid. MySQL:
 * InnoDB promises consecutive values to an INSERT of known row count under the
 * "traditional" and "consecutive" lock modes (innodb_autoinc_lock_mode 0 and 1, MariaDB's
 * default), with a step of 1; under "interleaved" (2, MySQL 8's default) or a cluster's step
 * the caller reads its rows back instead.
 */
function idsFollowOn(em: EntityManager): Promise<boolean> {
  const ds = em.connection;
  let known = followOn.get(ds);
  if (!known) {
    known =
      dialectOf(ds) === 'sqlite'
        ? Promise.resolve(true)
        : (
            em.query('SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step') as Promise<
              { mode: number | string; step: number | string }[]
            >
          ).then(([{ mode, step }]) => Number(mode) <= 1 && Number(step) === 1);
    followOn.set(ds, known);
    known.catch(() => followOn.delete(ds));
  }
  return known;
}

/**
 * Rows in the next statement: a power of two, the largest that the rows left and the
 * parameter limit allow. A prepared statement is kept per SQL text (by mysql2 and by the
 * server, with a definition of every parameter), so the row counts of a table's statements
 * come from this short list, not from the counts callers happen to have: an import that
 * wrote each chunk's name grams (a different count every time) in one statement prepared
 * a new 10,000-parameter statement per chunk, and its cached definitions took 500 MB.
 */
export function statementRows(left: number, perStatement: number): number {
  let count = 1;
  while (count * 2 <= left && count * 2 <= perStatement) count *= 2;
  return count;
}

interface MysqlConnection {
  promise(): { execute(sql: string, params: unknown[]): Promise<unknown> };
}

/**
 * On MySQL as a prepared statement (binary protocol): values travel as they are instead of
 * escaped into the text, and the server parses each statement shape once per connection.
 * An import of 30,000 customers took a quarter less CPU in Node and a third less in MariaDB
 * than with the values written into the text. Logged and wrapped in QueryFailedError like
 * every TypeORM query, so loggers, statement counts and error mapping see no difference.
 * Answers an INSERT of `rows` rows with the id generated for its first row.
 */
export async function executePrepared(em: EntityManager, sql: string, params: unknown[], rows = 1): Promise<number> {
  if (dialectOf(em.connection) !== 'mysql') {
    // TypeORM's SQLite runners answer an INSERT with its last rowid.
    const last = (await em.query(sql, params)) as unknown;
    return Number(last) - rows + 1;
  }
  const runner = em.queryRunner;
  if (!runner) throw new Error('insertRows: call inside a transaction');
  const connection = (await runner.connect()) as MysqlConnection;
  em.connection.logger.logQuery(sql, params, runner);
  try {
    const [answer] = (await connection.promise().execute(sql, params)) as [{ insertId?: number }];
    return Number(answer.insertId);
  } catch (err) {
    em.connection.logger.logQueryError(err as Error, sql, params, runner);
    throw new QueryFailedError(sql, params, err as Error);
  }
}

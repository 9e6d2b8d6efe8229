import { type EntityManager, type EntityTarget, type ObjectLiteral, QueryFailedError } from 'typeorm';
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
  options: { ignoreDuplicates?: boolean } = {},
): Promise<void> {
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
    const perStatement = Math.max(1, Math.floor(PARAMETERS[dialectOf(em.connection)] / given.length));
    const ignore = options.ignoreDuplicates ? { mysql: ' IGNORE', sqlite: ' OR IGNORE' }[dialectOf(em.connection)] : '';
    const head = `INSERT${ignore} INTO ${driver.escape(meta.tableName)} (${given.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
    const tuple = `(${given.map(() => '?').join(', ')})`;
    for (let i = 0; i < group.length; i += perStatement) {
      const slice = group.slice(i, i + perStatement);
      const params = slice.flatMap((row) => given.map((c) => driver.preparePersistentValue(row[c.propertyName], c)));
      await run(em, head + Array(slice.length).fill(tuple).join(', '), params);
    }
  }
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
 */
async function run(em: EntityManager, sql: string, params: unknown[]): Promise<void> {
  if (dialectOf(em.connection) !== 'mysql') return void (await em.query(sql, params));
  const runner = em.queryRunner;
  if (!runner) throw new Error('insertRows: call inside a transaction');
  const connection = (await runner.connect()) as MysqlConnection;
  em.connection.logger.logQuery(sql, params, runner);
  try {
    await connection.promise().execute(sql, params);
  } catch (err) {
    em.connection.logger.logQueryError(err as Error, sql, params, runner);
    throw new QueryFailedError(sql, params, err as Error);
  }
}

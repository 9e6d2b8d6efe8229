import { Readable } from 'node:stream';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { mysqlConnectionOf } from '../common/library-internals';
import { mysqlDateTime } from './mysql-time';

/**
 * MySQL/MariaDB: rows sent as one LOAD DATA LOCAL INFILE stream, the server's fastest way in
 * (no statement text to escape and parse per value): the seed's. Not for writes that run
 * beside other work of this process (an import): the server asks for the rows in the middle
 * of the statement and waits until this process answers. Works only where the server allows
 * LOCAL INFILE (MariaDB by default, MySQL 8 only with local_infile=ON): false when it does
 * not, so the caller writes INSERTs instead.
 * Values are prepared by the driver as for an INSERT (preparePersistentValue); a property a
 * row leaves out gets its column's default. The stream is tab-separated text in the server's
 * escapes.
 *
 * With LOCAL the server skips a row whose key is taken instead of failing (it cannot stop the
 * client's stream): unless `ignoreDuplicates` says that is wanted, a short count of stored
 * rows is an error, which rolls the caller's transaction back like a failed INSERT would.
 */
export async function loadData(
  em: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  rows: readonly ObjectLiteral[],
  options: { ignoreDuplicates?: boolean } = {},
): Promise<boolean> {
  const connection = mysqlConnectionOf(em.queryRunner);
  if (!connection || refused) return false;
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const properties = new Set<string>();
  for (const row of rows) for (const key in row) properties.add(key);
  const columns = [...properties].map((p) => {
    const column = metadata.findColumnWithPropertyName(p);
    if (!column) throw new Error(`loadData: ${metadata.tableName} has no column for ${p}`);
    return column;
  });
  const value = (row: ObjectLiteral, column: ColumnMetadata) =>
    driver.preparePersistentValue(column.propertyName in row ? row[column.propertyName] : defaultOf(column), column);
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) text += (i ? '\t' : '') + field(value(row, columns[i]));
    text += '\n';
  }
  const sql =
    `LOAD DATA LOCAL INFILE 'rows.tsv' INTO TABLE ${driver.escape(metadata.tableName)} CHARACTER SET utf8mb4` +
    ` (${columns.map((c) => driver.escape(c.databaseName)).join(', ')})`;
  em.connection.logger.logQuery(sql, [], em.queryRunner);
  let stored: number;
  try {
    stored = await new Promise<number>((resolve, reject) =>
      connection.query({ sql, infileStreamFactory: () => Readable.from(packets(text)) }, (err, result) =>
        err ? reject(err) : resolve(result?.affectedRows ?? rows.length),
      ),
    );
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (
      code !== 'ER_LOAD_INFILE_CAPABILITY_DISABLED' &&
      code !== 'ER_NOT_ALLOWED_COMMAND' &&
      code !== 'ER_NOT_ALLOWED_IN_THIS_VERSION'
    )
      throw err;
    refused = true;
    return false;
  }
  if (stored !== rows.length && !options.ignoreDuplicates)
    throw new Error(`LOAD DATA stored ${stored} of ${rows.length} rows into ${metadata.tableName}: a key was taken`);
  return true;
}

/** What the database would put into a column an INSERT leaves out: its literal default, else null. */
const defaultOf = (column: ColumnMetadata) =>
  column.default === undefined || typeof column.default === 'function' ? null : column.default;

/** Set once the server refused LOCAL INFILE: the rest of the run writes INSERTs. */
let refused = false;

/** mysql2 sends each chunk as one packet: Buffers, well under the 16 MiB packet limit. */
function* packets(text: string): Generator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20));
}

const SPECIAL = /[\\\t\n\r\0]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };

/** One value in LOAD DATA's default format: \N for null, backslash escapes for the separators. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return mysqlDateTime(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r\0]/g, (c) => ESCAPES[c]) : text;
}

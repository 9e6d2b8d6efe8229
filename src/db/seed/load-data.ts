import { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * MySQL/MariaDB: rows sent as one LOAD DATA LOCAL INFILE stream, the server's fastest way in
 * (no statement text to escape and parse per value). Works only where the server allows
 * LOCAL INFILE (MariaDB by default, MySQL 8 only with local_infile=ON): false when it does
 * not, so the caller writes INSERTs instead. Values come prepared for the column
 * (preparePersistentValue); the stream is tab-separated text in the server's escapes.
 */
export async function loadData(em: EntityManager, table: string, columns: ColumnMetadata[], values: unknown[][]): Promise<boolean> {
  const connection = (em.queryRunner as unknown as { databaseConnection?: MysqlCallbackConnection } | undefined)?.databaseConnection;
  if (!connection || refused) return false;
  const text = values.map((row) => row.map(field).join('\t')).join('\n');
  const sql = `LOAD DATA LOCAL INFILE 'seed.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 (${columns.map((c) => `\`${c.databaseName}\``).join(', ')})`;
  try {
    await new Promise<void>((resolve, reject) =>
      connection.query({ sql, infileStreamFactory: () => Readable.from(packets(text)) }, (err) => (err ? reject(err) : resolve())));
    return true;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ER_LOAD_INFILE_CAPABILITY_DISABLED' && code !== 'ER_NOT_ALLOWED_COMMAND' && code !== 'ER_NOT_ALLOWED_IN_THIS_VERSION') throw err;
    refused = true;
    return false;
  }
}

interface MysqlCallbackConnection {
  query(options: { sql: string; infileStreamFactory: () => Readable }, callback: (err: Error | null) => void): void;
}

/** Set once the server refused LOCAL INFILE: the rest of the run writes INSERTs. */
let refused = false;

/** mysql2 sends each chunk as one packet: Buffers, well under the 16 MiB packet limit. */
function* packets(text: string): Generator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** One value in LOAD DATA's default format: \N for null, backslash escapes for the separators. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ` +
      `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}`;
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value).replace(/[\\\t\n\r\0]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' })[c]!);
}

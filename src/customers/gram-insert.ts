import type { EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { executePrepared, insertRows } from '../db/insert-rows';
import { mysqlDateTime } from '../db/mysql-time';
import { CustomerNameGram } from './name-gram.entity';

/** New archives' grams: each archive's id, its stored createdAt, and its distinct grams. */
export interface ArchiveGrams {
  id: number;
  createdAt: Date;
  grams: readonly string[];
}

/**
 * MySQL: the grams of many archives as ONE parameter, a JSON array of [id, createdAt,
 * [grams]], spread into rows by JSON_TABLE on the server. An archive has about 23 gram rows
 * carrying the same id and createdAt: as three parameters a row, encoding them was the
 * largest part of mysql2's work in an import, and the statement's text changed with the row
 * count. LOAD DATA would need the client to answer the server's request for the rows in the
 * middle of the statement, so the server waited whenever this process was busy.
 * MySQL before 8.0 and MariaDB before 10.6 have no JSON_TABLE: their first refusal switches
 * this process to multi-row INSERTs.
 */
const SPREAD =
  'INSERT IGNORE INTO customer_name_gram (customer_id, gram, created_at) SELECT j.id, j.gram, j.created_at ' +
  "FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT PATH '$[0]', created_at DATETIME(3) PATH '$[1]', " +
  "NESTED PATH '$[2][*]' COLUMNS (gram VARCHAR(2) CHARACTER SET utf8mb4 PATH '$'))) j";

/**
 * SPREAD for archives created at one time (an import's chunk): the time is one parameter, not
 * a DATETIME parsed for every gram row by JSON_TABLE, which cost the server 12 % of the statement.
 * Gram by gram, [gram, [ids]]: the index is ordered by gram first, and a chunk's archives share
 * most of their grams (有限, 公司), so InnoDB stores each gram's rows one after the other instead
 * of crossing the tree 23 times per archive. Six interleaved pairs of 100,000-row imports:
 * 3.6–3.9 against 3.8–4.2 times the time of the chunk's 256-row INSERTs (about 8 % less).
 */
const SPREAD_AT =
  'INSERT IGNORE INTO customer_name_gram (customer_id, gram, created_at) SELECT j.id, j.gram, ? ' +
  "FROM JSON_TABLE(?, '$[*]' COLUMNS (gram VARCHAR(2) CHARACTER SET utf8mb4 PATH '$[0]', " +
  "NESTED PATH '$[1][*]' COLUMNS (id INT PATH '$'))) j";

/** Archives' grams as [gram, [ids of the archives holding it]]. */
function byGram(archives: readonly ArchiveGrams[]): [string, number[]][] {
  const ids = new Map<string, number[]>();
  for (const { id, grams } of archives)
    for (const gram of grams) {
      const holders = ids.get(gram);
      if (holders) holders.push(id);
      else ids.set(gram, [id]);
    }
  return [...ids];
}

let noJsonTable = false;

/** Ignoring duplicates: two grams distinct here may be one to MySQL's collation (é, e). */
export async function insertGrams(em: EntityManager, archives: readonly ArchiveGrams[]): Promise<void> {
  if (archives.length === 0) return;
  if (dialectOf(em.connection) === 'mysql' && !noJsonTable) {
    const at = archives[0].createdAt.getTime();
    const [sql, params] = archives.every((a) => a.createdAt.getTime() === at)
      ? [SPREAD_AT, [mysqlDateTime(archives[0].createdAt), JSON.stringify(byGram(archives))]]
      : [SPREAD, [JSON.stringify(archives.map((a) => [a.id, mysqlDateTime(a.createdAt), a.grams]))]];
    try {
      await executePrepared(em, sql, params);
      return;
    } catch (err) {
      // A statement the server cannot parse ends nothing of the transaction.
      if ((err as { driverError?: { code?: string } }).driverError?.code !== 'ER_PARSE_ERROR') throw err;
      noJsonTable = true;
    }
  }
  const rows = archives.flatMap(({ id, createdAt, grams }) =>
    grams.map((gram) => ({ customerId: id, gram, createdAt })),
  );
  await insertRows(em, CustomerNameGram, rows, { ignoreDuplicates: true });
}

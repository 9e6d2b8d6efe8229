import fs from 'node:fs';
import { parse } from 'csv-parse';
import type mysql from 'mysql2/promise';

/** Rows of the baseline: enough to measure, few enough not to lengthen a million-row run much. */
export const BASELINE_ROWS = 100_000;

const ROWS_PER_STATEMENT = 256;
const COLUMNS = [
  'archive_no',
  'name',
  'name_key',
  'kind',
  'region',
  'city',
  'credit_code',
  'phone',
  'address',
  'registered_capital',
  'founded_on',
  'industry',
  'source',
  'employee_count',
  'owner_id',
  'created_by_id',
];

/** 2001年2月3日 → 2001-02-03; the generated file writes no other form. */
const day = (text: string) => {
  const [, y, m, d] = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text) ?? [];
  return y ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : null;
};

/**
 * What this machine and this MariaDB do at this hour with the same file and no API code: the
 * CSV's first `rows` rows parsed by csv-parse and written as 256-row prepared INSERTs of the
 * import's columns into a copy of the customer table (its 21 secondary indexes, no foreign
 * keys), in one transaction, by mysql2: no checks, no change events, no history, no name
 * index. The machine is shared and its speed changes by half from hour to hour; an import's
 * rows/s divided by this one's is steadier than either.
 */
export async function baselineInsert(
  connection: mysql.Connection,
  file: string,
  rows: number,
): Promise<{ rows: number; seconds: number; cpuSeconds: number }> {
  await connection.query('DROP TABLE IF EXISTS baseline_customer');
  await connection.query('CREATE TABLE baseline_customer LIKE customer');
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
  const insert = (n: number) =>
    `INSERT INTO baseline_customer (${COLUMNS.join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`;
  const started = Date.now();
  const cpu = process.cpuUsage();
  let done = 0;
  let batch: (string | number | null)[] = [];
  await connection.query('START TRANSACTION');
  const flush = async () => {
    if (batch.length) await connection.execute(insert(batch.length / COLUMNS.length), batch);
    batch = [];
  };
  for await (const record of fs.createReadStream(file).pipe(parse({ bom: true, from_line: 2 })) as AsyncIterable<
    string[]
  >) {
    const [name, , region, city, code, phone, address, capital, founded, industry, source, employees] = record;
    done++;
    batch.push(
      `BL${done}`,
      name,
      name.replace(/有限公司$/, ''),
      'ENTERPRISE',
      region,
      city,
      code,
      phone,
      address,
      (Number(capital.replace(/,/g, '')) * 10_000).toFixed(2),
      day(founded),
      industry,
      source,
      Number(employees),
      1,
      1,
    );
    if (batch.length === ROWS_PER_STATEMENT * COLUMNS.length) await flush();
    if (done >= rows) break;
  }
  await flush();
  await connection.query('COMMIT');
  const used = process.cpuUsage(cpu);
  const seconds = (Date.now() - started) / 1000;
  await connection.query('DROP TABLE baseline_customer');
  return { rows: done, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

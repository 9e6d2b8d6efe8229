import { type DataSource } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { writeTransaction } from '../db/transaction';

export interface ReadAuditRow {
  subject: string;
  userId: number | null;
  roles: string;
  customerId: number;
  archiveNo: string;
  kind: string;
  fields: string;
  grantId: number | null;
  requestId: string;
}

const COLUMNS = [
  'subject',
  'user_id',
  'roles',
  'customer_id',
  'archive_no',
  'kind',
  'fields',
  'grant_id',
  'request_id',
];
const ROWS_PER_STATEMENT = 1000;
const multiRowInsert = (rows: number) =>
  `INSERT INTO read_audit (${COLUMNS.join(', ')}) VALUES ${Array(rows)
    .fill(`(${COLUMNS.map(() => '?').join(', ')})`)
    .join(', ')}`;
/**
 * On SQLite every batch is one statement of one shape, whatever its size: the rows travel
 * as one JSON array. The driver keeps a small cache of prepared statements, and a new
 * statement text for every batch size would evict the hot ones under load.
 */
const JSON_INSERT = `INSERT INTO read_audit (${COLUMNS.join(', ')}) SELECT ${COLUMNS.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ')} FROM json_each(?)`;

/**
 * Group commit for the read audit: the rows of every request that finishes in the same tick
 * go into one INSERT, and each request still waits until its rows are stored, so an answer
 * never leaves before its audit entry exists. Under load this turns N inserts into one.
 * "The same tick" is until the promise jobs queued now have run (process.nextTick): that
 * gathers every subscriber of one change batch, whose deliveries advance through promise
 * jobs only. setImmediate gathered no more, but let the HTTP requests waiting on sockets
 * run first, which held those subscribers' events back by tens of milliseconds under load.
 */
export class AuditWriter {
  private pending: ReadAuditRow[] = [];
  private batch: Promise<void> | null = null;

  constructor(private readonly ds: DataSource) {}

  write(rows: ReadAuditRow[]): Promise<void> {
    // Not push(...rows): a general manager's totals over a million archives note 200,000 A-class ones,
    // more arguments than a call takes (RangeError: Maximum call stack size exceeded).
    for (const row of rows) this.pending.push(row);
    this.batch ??= new Promise<void>((resolve) => process.nextTick(resolve)).then(() => {
      const taken = this.pending;
      this.pending = [];
      this.batch = null;
      return this.insert(taken);
    });
    return this.batch;
  }

  private insert(rows: ReadAuditRow[]): Promise<void> {
    const values = (r: ReadAuditRow) => [
      r.subject,
      r.userId,
      r.roles,
      r.customerId,
      r.archiveNo,
      r.kind,
      r.fields,
      r.grantId,
      r.requestId,
    ];
    // One statement is atomic by itself: no transaction (BEGIN and COMMIT were two more round trips per batch).
    if (dialectOf(this.ds) === 'mysql' && rows.length <= ROWS_PER_STATEMENT)
      return this.ds.query(multiRowInsert(rows.length), rows.flatMap(values)).then(() => undefined);
    return writeTransaction(this.ds, async (em) => {
      if (dialectOf(this.ds) === 'sqlite')
        return void (await em.query(JSON_INSERT, [JSON.stringify(rows.map(values))]));
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        await em.query(multiRowInsert(chunk.length), chunk.flatMap(values));
      }
    });
  }
}

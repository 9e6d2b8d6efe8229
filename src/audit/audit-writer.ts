import { DataSource } from 'typeorm';
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

const COLUMNS = ['subject', 'user_id', 'roles', 'customer_id', 'archive_no', 'kind', 'fields', 'grant_id', 'request_id'];
const ROWS_PER_STATEMENT = 1000;

/**
 * Group commit for the read audit: the rows of every request that finishes in the same tick
 * go into one INSERT, and each request still waits until its rows are stored, so an answer
 * never leaves before its audit entry exists. Under load this turns N inserts into one.
 */
export class AuditWriter {
  private pending: ReadAuditRow[] = [];
  private batch: Promise<void> | null = null;

  constructor(private readonly ds: DataSource) {}

  write(rows: ReadAuditRow[]): Promise<void> {
    this.pending.push(...rows);
    this.batch ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const taken = this.pending;
      this.pending = [];
      this.batch = null;
      return this.insert(taken);
    });
    return this.batch;
  }

  private insert(rows: ReadAuditRow[]): Promise<void> {
    return writeTransaction(this.ds, async (em) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        const placeholders = chunk.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ');
        const params = chunk.flatMap((r) => [r.subject, r.userId, r.roles, r.customerId, r.archiveNo, r.kind, r.fields, r.grantId, r.requestId]);
        await em.query(`INSERT INTO read_audit (${COLUMNS.join(', ')}) VALUES ${placeholders}`, params);
      }
    });
  }
}

import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { badInput, cursorExpired } from '../common/errors';
import { expectId } from '../common/global-id';
import { scopeByCustomer } from '../customers/customer.scope';
import { committedRead } from '../db/transaction';
import { ChangeEvent } from './change-event.entity';
import { cursorOf, seqOf } from './hydrate';
import type { RecordTypeName } from './record-change.types';

export interface FeedFilter {
  types?: RecordTypeName[] | null;
  /** Global id of a customer: only changes of records under that archive. */
  customerId?: string | null;
}

/**
 * Reads of the outbox for one viewer. Row scope is the customer scope of queries, applied
 * in SQL at the moment of reading (so a grant that ends stops delivery from then on).
 */
export class ChangeFeedService {
  constructor(readonly ds: DataSource) {}

  /** Visible events with seq > after, oldest first; `seqs` narrows to those (live delivery). */
  visible(viewer: Viewer, after: number, limit: number, filter: FeedFilter = {}, seqs?: number[]): Promise<ChangeEvent[]> {
    const qb = this.ds.getRepository(ChangeEvent).createQueryBuilder('e').where('e.seq > :after', { after });
    this.narrow(qb, viewer, filter);
    if (seqs) qb.andWhere('e.seq IN (:...seqs)', { seqs: seqs.length ? seqs : [-1] });
    return committedRead(this.ds, () => qb.orderBy('e.seq', 'ASC').limit(limit).getMany());
  }

  private narrow(qb: SelectQueryBuilder<ChangeEvent>, viewer: Viewer, f: FeedFilter): void {
    if (f.types?.length) qb.andWhere('e.recordType IN (:...types)', { types: f.types });
    if (f.customerId) qb.andWhere('e.customerId = :cid', { cid: expectId(f.customerId, 'Customer', 'customerId') });
    scopeByCustomer(qb, 'e', viewer);
  }

  /**
   * The seq an `after` cursor stands for. CURSOR_EXPIRED when retention already deleted
   * events after it: replaying from there would have a gap the client cannot see.
   */
  async resumeFrom(after: string | null | undefined): Promise<number> {
    if (after == null) return 0;
    const seq = seqOf(after);
    if (seq === null) throw badInput('after', 'not a change cursor');
    const [row] = (await committedRead(this.ds, () =>
      this.ds.query('SELECT (SELECT MIN(seq) FROM change_event) AS oldest, (SELECT last FROM change_sequence WHERE id = 1) AS newest'),
    )) as { oldest: string | number | null; newest: string | number }[];
    // Nothing retained: every event up to `newest` is gone. Otherwise events before `oldest` are.
    const firstKept = row.oldest == null ? Number(row.newest) + 1 : Number(row.oldest);
    if (seq + 1 < firstKept) throw cursorExpired();
    return seq;
  }
}

export { cursorOf };

import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { badInput, cursorAhead, cursorExpired } from '../common/errors';
import { expectId } from '../common/global-id';
import { readsCredit } from '../auth/guard';
import { scopeByCustomer, scopeVariant, seesClassA } from '../auth/row-scope';
import { reuseSql } from '../common/reuse-sql';
import { committedRead } from '../db/transaction';
import { ChangeEvent } from '../outbox/change-event.entity';
import { cursorOf, seqOf } from './hydrate';
import type { RecordTypeName } from './record-change.types';
import { CREDIT_RECORD_TYPES } from '../outbox/record-types';

/** Events of credit requests are for roles that read credit fields only. */
function scopeEvents(qb: SelectQueryBuilder<ChangeEvent>, viewer: Viewer): void {
  scopeByCustomer(qb, 'e', viewer);
  if (!readsCredit(viewer)) qb.andWhere('e.recordType NOT IN (:...creditTypes)', { creditTypes: CREDIT_RECORD_TYPES });
}

/** Events a `changes` page looks at, at most: the work of one request stays bounded however rare its visible events are. */
export const SCAN_WINDOW = 10_000;

export interface FeedPage {
  events: ChangeEvent[];
  /** The seq the page started after. */
  from: number;
  /** Where a reader of this page stands: pass its cursor as the next `after`. */
  endSeq: number;
  hasNextPage: boolean;
}

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
  /** `scanWindow`: events a `changes` page looks at, at most (SCAN_WINDOW; tests use less). */
  constructor(
    readonly ds: DataSource,
    private readonly scanWindow = SCAN_WINDOW,
  ) {}

  /**
   * Visible events with seq > after (and <= upTo when given), oldest first: the `changes`
   * query, webhooks, and subscribers reading the outbox.
   */
  visible(
    viewer: Viewer,
    after: number,
    limit: number,
    filter: FeedFilter = {},
    upTo?: number,
  ): Promise<ChangeEvent[]> {
    const qb = this.ds.getRepository(ChangeEvent).createQueryBuilder('e').where('e.seq > :after', { after });
    if (upTo !== undefined) qb.andWhere('e.seq <= :upTo', { upTo });
    this.narrow(qb, viewer, filter);
    return committedRead(this.ds, () => qb.orderBy('e.seq', 'ASC').limit(limit).getMany());
  }

  /** Those of `seqs` the viewer may see now: live delivery's scope question, asked once per batch and scope key. */
  async visibleSeqs(viewer: Viewer, seqs: number[]): Promise<number[]> {
    if (seqs.length === 0) return [];
    if (seesClassA(viewer) && readsCredit(viewer)) return seqs;
    // A range, not IN (…): one statement text whatever the batch size, so SQLite's small
    // prepared-statement cache keeps it. A batch is a run of consecutive seqs anyway.
    const [from, to] = [Math.min(...seqs), Math.max(...seqs)];
    const qb = this.ds
      .getRepository(ChangeEvent)
      .createQueryBuilder('e')
      .select('e.seq', 'seq')
      .where('e.seq BETWEEN :from AND :to', { from, to });
    scopeEvents(qb, viewer);
    const rows = (await committedRead(this.ds, () =>
      reuseSql(qb, `visible-seqs:${scopeVariant(viewer)}:${readsCredit(viewer)}`).getRawMany(),
    )) as { seq: string | number }[];
    const asked = new Set(seqs);
    return rows.map((r) => Number(r.seq)).filter((seq) => asked.has(seq));
  }

  /** The filter's own conditions in memory, for live events (scope is visibleSeqs' business). */
  matcher(f: FeedFilter): (e: ChangeEvent) => boolean {
    const types = f.types?.length ? new Set<string>(f.types) : null;
    const customerId = f.customerId ? expectId(f.customerId, 'Customer', 'customerId') : null;
    return (e) => (!types || types.has(e.recordType)) && (customerId === null || e.customerId === customerId);
  }

  private narrow(qb: SelectQueryBuilder<ChangeEvent>, viewer: Viewer, f: FeedFilter): void {
    if (f.types?.length) qb.andWhere('e.recordType IN (:...types)', { types: f.types });
    if (f.customerId) qb.andWhere('e.customerId = :cid', { cid: expectId(f.customerId, 'Customer', 'customerId') });
    scopeEvents(qb, viewer);
  }

  /**
   * The newest committed seq. Every seq up to it is committed (seq order is commit order,
   * record-change.ts), so a read of the outbox that starts after this one sees all of them:
   * a reader may move its cursor here once it has read past `after` up to it.
   */
  async head(): Promise<number> {
    const [row] = (await committedRead(this.ds, () =>
      this.ds.query('SELECT last FROM change_sequence WHERE id = 1'),
    )) as { last: string | number }[];
    return Number(row.last);
  }

  /**
   * A page of the `changes` query: up to `first` visible events after `after`, looking at
   * no more than `scanWindow` events. `endSeq` is where the reader stands afterwards: its last
   * event when the page is full, else the last event examined, visible or not. So a reader
   * that sees few events still moves on with the feed, and its cursor does not fall out of
   * retention while nothing it could see did (a sealed cursor tells no more than before).
   */
  async page(viewer: Viewer, after: string | null | undefined, first: number): Promise<FeedPage> {
    const from = await this.resumeFrom(after);
    const head = await this.head();
    const upTo = Math.max(from, Math.min(head, from + this.scanWindow));
    const rows = await this.visible(viewer, from, first + 1, {}, upTo);
    const full = rows.length > first;
    const events = rows.slice(0, first);
    return { events, from, endSeq: full ? (events.at(-1)?.seq ?? from) : upTo, hasNextPage: full || upTo < head };
  }

  /**
   * The seq an `after` cursor stands for, once checkResumable has passed it.
   */
  async resumeFrom(after: string | null | undefined): Promise<number> {
    if (after == null) return 0;
    const seq = seqOf(after);
    if (seq === null) throw badInput('after', 'not a change cursor');
    await this.checkResumable(seq);
    return seq;
  }

  /**
   * CURSOR_EXPIRED when retention already deleted events after `seq`: replaying from there
   * would have a gap the client cannot see. CURSOR_UNKNOWN when it is past the newest event:
   * the database went back (a restored backup, commits lost with the machine) or the cursor
   * is another feed's, so new events may come under numbers the client has already passed.
   */
  async checkResumable(seq: number): Promise<void> {
    const [row] = (await committedRead(this.ds, () =>
      this.ds.query(
        'SELECT (SELECT MIN(seq) FROM change_event) AS oldest, (SELECT last FROM change_sequence WHERE id = 1) AS newest',
      ),
    )) as { oldest: string | number | null; newest: string | number }[];
    // Nothing retained: every event up to `newest` is gone. Otherwise events before `oldest` are.
    const firstKept = row.oldest == null ? Number(row.newest) + 1 : Number(row.oldest);
    if (seq + 1 < firstKept) throw cursorExpired();
    if (seq > Number(row.newest)) throw cursorAhead();
  }
}

export { cursorOf };

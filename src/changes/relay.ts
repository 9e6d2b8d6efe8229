import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { reuseSql } from '../common/reuse-sql';
import { committedRead, onCommit, writeTransaction } from '../db/transaction';
import { withStatementTimeout } from '../db/wait-limits';
import type { ChangeBus } from './delivery/change-bus';
import { ChangeBatch } from './delivery/change-batch';
import { ChangeEvent } from '../outbox/change-event.entity';

/** Prefix of background polling statements, the relay's and the webhook dispatcher's: `/* change-relay *\/ SELECT …`. */
export const RELAY_TAG = 'change-relay';
const POLL_MS = 200;
const PAGE = 500;
/**
 * Least time between two reads of the outbox, per live subscriber here, and its cap.
 * Under load the commits of those ms go out as one batch: each subscriber's socket then
 * gets one write for several events, not one per event. That per-batch cost grows with the
 * subscribers, so the spacing does too: 6 ms at 100 subscribers, 60 ms at 1,000. The best
 * value follows what a batch and a write cost: test/perf/feed.bench.ts found 0.06 ms the
 * best p99 at 1,000 once hot reads reused their SQL (0.03 and 0.04 left the API too busy,
 * 0.08 waited longer than a batch needed).
 */
const SPACING_MS_PER_SUBSCRIBER = 0.06;
const MAX_SPACING_MS = 150;
const RETENTION_SWEEP_MS = 60 * 60 * 1000;
/** An hour of events at a busy time is a big DELETE: more than DB_STATEMENT_TIMEOUT_MS allows a request. */
const SWEEP_STATEMENT_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Publishes committed outbox rows to the bus in seq order. Wakes on this process's commits
 * and polls for other processes'. Because seq order is commit order (outbox/record-change.ts),
 * reading `seq > published` never skips an event that commits later. It starts at the
 * newest seq: subscribers that were away replay from the outbox themselves, so an event
 * committed while no relay ran is never lost, only not pushed to nobody.
 */
export class ChangeRelay {
  private published = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private stopCommits: (() => void) | null = null;
  /** Set by a commit in this process: the next drain tells other instances (redis-wake.ts). */
  private localCommit = false;
  private lastDrain = 0;
  /** Called with the newest seq after a drain that published this process's commits. */
  onLocalPublish: ((seq: number) => void) | null = null;

  private log: Logger | null = null;
  private retentionDays = 7;

  constructor(
    private readonly ds: DataSource,
    readonly bus: ChangeBus,
  ) {}

  /** The newest seq handed to the bus; live subscribers start after it. */
  get publishedSeq(): number {
    return this.published;
  }

  async start(log: Logger, retentionDays: number): Promise<void> {
    this.log = log;
    this.retentionDays = retentionDays;
    const [row] = (await committedRead(this.ds, () => this.ds.query('SELECT MAX(seq) AS m FROM change_event'))) as {
      m: string | number | null;
    }[];
    this.published = Number(row?.m ?? 0);
    this.stopCommits = onCommit(this.ds, () => {
      this.localCommit = true;
      void this.wake();
    });
    this.timers.push(setInterval(() => void this.wake(), POLL_MS).unref());
    this.timers.push(setInterval(() => void this.sweep(), RETENTION_SWEEP_MS).unref());
    await this.sweep();
  }

  async stop(): Promise<void> {
    this.timers.forEach(clearInterval);
    this.stopCommits?.();
    await this.running;
  }

  /** A notice from another instance: drain now unless that seq was already published. */
  wakeFor(seq: number): Promise<void> {
    return seq > this.published ? this.wake() : Promise.resolve();
  }

  /** Runs one drain at a time; a wake during a drain makes it go round once more. */
  wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const spacing = Math.min(MAX_SPACING_MS, this.bus.subscribers() * SPACING_MS_PER_SUBSCRIBER);
          const wait = this.lastDrain + spacing - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          this.lastDrain = Date.now();
          // Taken before the read, so a commit during the drain is announced by the next round.
          const announce = this.localCommit;
          this.localCommit = false;
          await this.drain();
          // Only the writing instance announces, so n instances send one notice, not n. Even
          // when an earlier round already read the event: receivers ignore seqs they have.
          if (announce) this.onLocalPublish?.(this.published);
        } while (this.again);
      } catch (err) {
        if (this.ds.isInitialized)
          this.log?.error({ err }, 'change relay: reading the outbox failed; retrying at the next poll');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (!this.ds.isInitialized) return;
      // The comment marks background polling in logs and statement counts (not any request's work).
      const page = this.ds
        .getRepository(ChangeEvent)
        .createQueryBuilder('e')
        .comment(RELAY_TAG)
        .where('e.seq > :after', { after: this.published })
        .orderBy('e.seq', 'ASC')
        .limit(PAGE);
      const rows = await committedRead(this.ds, () => reuseSql(page, 'relay-page').getMany());
      if (rows.length > 0) {
        this.published = rows[rows.length - 1].seq;
        this.bus.publish(new ChangeBatch(rows));
      }
      if (rows.length < PAGE) return;
    }
  }

  /** Deletes events past retention; cursors before them then answer CURSOR_EXPIRED. */
  async sweep(now = new Date()): Promise<void> {
    try {
      await withStatementTimeout(SWEEP_STATEMENT_MS, () => deleteExpiredChanges(this.ds, this.retentionDays, now));
    } catch (err) {
      this.log?.error({ err }, 'change relay: retention sweep failed');
    }
  }
}

/** Deletes the events older than `retentionDays` before `now`. */
export async function deleteExpiredChanges(ds: DataSource, retentionDays: number, now = new Date()): Promise<void> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  await writeTransaction(ds, (em) =>
    em.getRepository(ChangeEvent).createQueryBuilder().delete().where('occurred_at < :cutoff', { cutoff }).execute(),
  );
}

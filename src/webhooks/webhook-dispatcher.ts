import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { ChangeFeedService } from '../changes/change-feed.service';
import type { ChangeBus } from '../changes/delivery/change-bus';
import { RELAY_TAG } from '../changes/relay';
import { committedRead, writeTransaction } from '../db/transaction';
import { deliverWebhook, type RetryDelays, type WorkerDeps } from './webhook-worker';
import { WebhookDelivery } from './webhook-delivery.entity';
import type { RenderEvent } from './webhook-event';
import { WebhookLeases } from './webhook-lease';
import type { ReceiverClient } from './webhook-post';
import { Webhook } from './webhook.entity';

/** Least time between two passes, and the poll for what no local batch announces (other instances' webhooks, retries, leases). */
const SPACING_MS = 100;
const POLL_MS = 250;
/** Webhooks delivered at once by one instance. */
const MAX_WORKERS = 16;
const SWEEP_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DispatcherOptions {
  ds: DataSource;
  feed: ChangeFeedService;
  /** The relay's bus: its batches wake the dispatcher at once. */
  bus: ChangeBus;
  credentialHolds: WorkerDeps['credentialHolds'];
  render: RenderEvent;
  client: ReceiverClient;
  /** The clock of retries (tests move it instead of waiting); leases run on the wall clock. */
  now: () => number;
  log: Logger;
  retry: RetryDelays;
  /** The delivery log is kept as long as change events (CHANGE_RETENTION_DAYS). */
  retentionDays: number;
  leaseMs: number;
}

/**
 * Delivers webhooks from the outbox, in this API process. Each webhook has its cursor in the
 * database (`delivered_seq`), so nothing depends on this process: after a restart, or on
 * another instance, delivery goes on from the cursor. One instance at a time delivers a
 * webhook (webhook-lease.ts), one event at a time in seq order: the event is read with the
 * partner's scope, rendered through the schema and its rules (webhook-event.ts), POSTed, and
 * the cursor moves to it once the receiver answered 2xx. Otherwise the webhook waits
 * (WEBHOOK_RETRY_SECONDS, doubling) and tries the same event again (webhook-worker.ts). So a receiver gets every event it may
 * see, in order, exactly once when it acknowledges, and again (same `webhook-id`) if this
 * process died between its 2xx and storing it.
 *
 * Why here and not as `npm run jobs -- deliver-webhooks`: a delivery follows a commit, not a
 * time, like the subscription's; the relay's batches wake the dispatcher at once (other
 * instances' commits through Redis, else the poll), so a receiver hears of a change within
 * a pass, where a scheduled job would add its period. Leases make it safe to run in every
 * instance, and the retry times are data (`next_attempt_at`), so no timer holds state.
 */
export class WebhookDispatcher {
  readonly leases: WebhookLeases;
  private readonly working = new Map<number, Promise<void>>();
  private running: Promise<void> | null = null;
  private again = false;
  private lastPass = 0;
  private stopped = false;
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly o: DispatcherOptions) {
    this.leases = new WebhookLeases(o.ds, o.leaseMs);
  }

  start(): void {
    this.unsubscribe = this.o.bus.subscribe(() => this.wake());
    this.timers.push(setInterval(() => this.wake(), POLL_MS).unref());
    this.timers.push(setInterval(() => void this.sweep(), SWEEP_MS).unref());
    void this.sweep();
    this.wake();
  }

  /**
   * Lets the POSTs under way finish and be stored (each within WEBHOOK_TIMEOUT_MS) and starts
   * no more, then lets the leases go: a graceful stop sends nothing twice.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    this.unsubscribe?.();
    await this.running;
    await Promise.all(this.working.values());
    this.o.client.close();
    if (this.o.ds.isInitialized)
      await this.leases
        .releaseAll()
        .catch((err: unknown) => this.o.log.warn({ err }, 'webhooks: leases not released; they expire'));
  }

  /** One pass at a time, at most one per SPACING_MS; a wake during a pass makes it go round once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const wait = this.lastPass + SPACING_MS - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          this.lastPass = Date.now();
          if (!this.stopped) await this.pass();
        } while (this.again && !this.stopped);
      } catch (err) {
        if (this.o.ds.isInitialized)
          this.o.log.warn({ err }, 'webhooks: finding due webhooks failed; retrying at the next poll');
      } finally {
        this.running = null;
      }
    })();
  }

  /** Starts a worker for each webhook that has something to do and is not leased elsewhere. */
  private async pass(): Promise<void> {
    const free = MAX_WORKERS - this.working.size;
    if (free <= 0) return;
    const now = new Date(this.o.now());
    // One statement, tagged as a background poll (not a request's statement).
    const due = await committedRead(this.o.ds, () =>
      this.o.ds
        .getRepository(Webhook)
        .createQueryBuilder('w')
        .comment(RELAY_TAG)
        .select('w.id', 'id')
        // `<>`: a cursor past the head is due too, to be stopped as CURSOR_UNKNOWN.
        .where(
          'w.stopped_reason IS NULL AND w.next_attempt_at <= :now AND w.delivered_seq <> (SELECT s.last FROM change_sequence s WHERE s.id = 1)',
          { now },
        )
        .andWhere('(w.lease_owner IS NULL OR w.lease_owner = :owner OR w.lease_until < :wall)', {
          owner: this.leases.owner,
          wall: new Date(),
        })
        .orderBy('w.next_attempt_at')
        .limit(free + this.working.size)
        .getRawMany<{ id: number | string }>(),
    );
    for (const id of due.map((r) => Number(r.id))) {
      if (this.working.has(id) || this.working.size >= MAX_WORKERS) continue;
      this.working.set(
        id,
        this.work(id).finally(() => this.working.delete(id)),
      );
    }
  }

  /** Deletes delivery-log rows as old as the change events retention deletes. */
  private async sweep(): Promise<void> {
    const cutoff = new Date(this.o.now() - this.o.retentionDays * DAY_MS);
    try {
      await writeTransaction(this.o.ds, (em) =>
        em
          .createQueryBuilder()
          .delete()
          .from(WebhookDelivery)
          .comment(RELAY_TAG)
          .where('attempted_at < :cutoff', { cutoff })
          .execute(),
      );
    } catch (err) {
      if (this.o.ds.isInitialized) this.o.log.warn({ err }, 'webhooks: delivery log sweep failed');
    }
  }

  private async work(id: number): Promise<void> {
    try {
      await deliverWebhook(id, this.worker);
    } catch (err) {
      // The database or the read audit failed: nothing was stored, the next pass tries again.
      if (this.o.ds.isInitialized && !this.stopped)
        this.o.log.warn(
          { err, webhook: id },
          'webhooks: delivery failed before reaching the receiver; retrying at the next poll',
        );
    }
  }

  private get worker(): WorkerDeps {
    return { ...this.o, leases: this.leases, stopping: () => this.stopped };
  }
}

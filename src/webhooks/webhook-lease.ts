import crypto from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { writeTransaction } from '../db/transaction';
import { DeliveryOutcome, WebhookDelivery } from './webhook-delivery.entity';
import { Webhook, type WebhookStopReason } from './webhook.entity';

/** One attempt, as the delivery log keeps it. */
export type Attempt = Pick<WebhookDelivery, 'seq' | 'attempt' | 'httpStatus' | 'error' | 'durationMs' | 'attemptedAt'>;

/**
 * Which API instance delivers a webhook: the one whose id is in `lease_owner` until
 * `lease_until`. Taking it is one conditional UPDATE (free, run out, or ours already), so two
 * instances never both hold it; an instance that dies lets it go when the lease runs out.
 *
 * Every write of progress is conditioned on holding the lease *and* on the cursor the worker
 * read (`from`), and renews the lease. So a worker that lost the lease (it stalled past it,
 * another instance took it) or whose cursor was moved under it (replayWebhook, which also
 * frees the lease) finds out at its next write and stops, having changed nothing: at most
 * the one POST it had under way goes out twice, under the same `webhook-id`.
 *
 * Leases run on the wall clock, not the injectable one: they are about processes being alive,
 * and a test moving its clock to reach a retry must not make a live lease look run out.
 */
export class WebhookLeases {
  readonly owner = crypto.randomUUID();

  constructor(
    private readonly ds: DataSource,
    readonly leaseMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Whether `w`, as read, is held by this instance with at least half its lease to go: no write needed to go on. */
  holds(w: Webhook): boolean {
    return (
      w.leaseOwner === this.owner && w.leaseUntil !== null && w.leaseUntil.getTime() - this.clock() > this.leaseMs / 2
    );
  }

  /** Takes or renews the lease of `id`; false when another instance holds it or it is stopped. */
  take(id: number): Promise<boolean> {
    return this.write(
      id,
      {},
      '(lease_owner IS NULL OR lease_owner = :owner OR lease_until < :now) AND stopped_reason IS NULL',
      { now: new Date(this.clock()) },
    );
  }

  /** The receiver acknowledged `attempt`'s event: the cursor moves from `from` to it. */
  delivered(id: number, from: number, attempt: Attempt): Promise<boolean> {
    return this.progress(
      id,
      from,
      { deliveredSeq: attempt.seq, failures: 0, lastError: null },
      { ...attempt, outcome: DeliveryOutcome.DELIVERED },
    );
  }

  /** The attempt failed: the next is not before `retryAt` (the injectable clock's ms). */
  failed(id: number, from: number, attempt: Attempt, retryAt: number): Promise<boolean> {
    return this.progress(
      id,
      from,
      { failures: attempt.attempt, lastError: attempt.error, nextAttemptAt: new Date(retryAt) },
      { ...attempt, outcome: DeliveryOutcome.FAILED },
    );
  }

  /** Moves the cursor from `from` past events the webhook does not get, up to `seq`. */
  advance(id: number, from: number, seq: number): Promise<boolean> {
    return this.progress(id, from, { deliveredSeq: seq });
  }

  stop(id: number, from: number, reason: WebhookStopReason): Promise<boolean> {
    return this.progress(id, from, { stoppedReason: reason });
  }

  /** Lets other instances take this one's webhooks at once (it is stopping). */
  async releaseAll(): Promise<void> {
    await writeTransaction(this.ds, (em) =>
      em
        .createQueryBuilder()
        .update(Webhook)
        .set({ leaseOwner: null, leaseUntil: null })
        .where('lease_owner = :owner', { owner: this.owner })
        .execute(),
    );
  }

  /** A write of progress: applied only while this instance holds the lease and the cursor is still `from`. */
  private progress(
    id: number,
    from: number,
    values: Partial<Webhook>,
    log?: Attempt & { outcome: DeliveryOutcome },
  ): Promise<boolean> {
    return this.write(id, values, 'lease_owner = :owner AND delivered_seq = :from', { from }, log);
  }

  /**
   * One UPDATE of webhook `id` that renews the lease, under `condition`, and, whether it
   * applied or not, the attempt in the delivery log: the receiver got what it got.
   */
  private async write(
    id: number,
    values: Partial<Webhook>,
    condition: string,
    params: object,
    log?: Attempt & { outcome: DeliveryOutcome },
  ): Promise<boolean> {
    return writeTransaction(this.ds, async (em: EntityManager) => {
      const result = await em
        .createQueryBuilder()
        .update(Webhook)
        .set({ ...values, leaseOwner: this.owner, leaseUntil: new Date(this.clock() + this.leaseMs) })
        .where(`id = :id AND ${condition}`, { id, owner: this.owner, ...params })
        .execute();
      const applied = result.affected === 1;
      // Not for a webhook deleted meanwhile: its log went with it.
      if (log && (applied || (await em.getRepository(Webhook).existsBy({ id }))))
        await em.getRepository(WebhookDelivery).insert({ ...log, webhookId: id });
      return applied;
    });
  }
}

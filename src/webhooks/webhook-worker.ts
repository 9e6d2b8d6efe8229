import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import type { ChangeEvent } from '../outbox/change-event.entity';
import { type ChangeFeedService, SCAN_WINDOW } from '../changes/change-feed.service';
import type { RecordTypeName } from '../changes/record-change.types';
import { cursorOf } from '../changes/hydrate';
import { AppError } from '../common/errors';
import { committedRead } from '../db/transaction';
import { partnerViewer } from '../partners/partner-key.service';
import type { RenderEvent } from './webhook-event';
import type { WebhookLeases } from './webhook-lease';
import type { ReceiverClient } from './webhook-post';
import { openSecret } from './webhook-secret';
import { Webhook, WebhookStopReason } from './webhook.entity';

/** Events read at a time. */
const PAGE = 100;

/** Waits after failed attempts: the first, doubling up to the last (WEBHOOK_RETRY_MS). */
export interface RetryDelays {
  firstMs: number;
  maxMs: number;
}

/** The wait before attempt number `failures + 1`. */
export const retryDelay = (failures: number, d: RetryDelays) =>
  Math.min(d.maxMs, d.firstMs * 2 ** Math.max(0, failures - 1));

export interface WorkerDeps {
  ds: DataSource;
  feed: ChangeFeedService;
  credentialHolds: (viewer: Viewer) => Promise<boolean>;
  render: RenderEvent;
  client: ReceiverClient;
  /** The injectable clock of retries (tests move it instead of waiting). */
  now: () => number;
  retry: RetryDelays;
  leases: WebhookLeases;
  stopping: () => boolean;
}

const STOPS: Partial<Record<string, WebhookStopReason>> = {
  CURSOR_EXPIRED: WebhookStopReason.CURSOR_EXPIRED,
  CURSOR_UNKNOWN: WebhookStopReason.CURSOR_UNKNOWN,
};

const read = (id: number, d: WorkerDeps) => committedRead(d.ds, () => d.ds.getRepository(Webhook).findOneBy({ id }));

/**
 * Delivers what webhook `id` has due, in seq order, while this instance holds its lease: the
 * events its partner may see after its cursor (the subscription's scope and filter, read by
 * the same ChangeFeedService), one POST each, the cursor moved at each 2xx; a failure
 * schedules the next attempt and ends the turn. Once nothing more is visible up to the head,
 * the cursor moves to the head, so a webhook that gets few events never falls out of
 * retention. Throws on a database failure, having stored nothing for the event under way.
 */
export async function deliverWebhook(id: number, d: WorkerDeps): Promise<void> {
  for (;;) {
    const w = await read(id, d);
    if (!w || w.stoppedReason || w.nextAttemptAt.getTime() > d.now() || d.stopping()) return;
    if (!d.leases.holds(w)) {
      if (!(await d.leases.take(id))) return;
      // Read again under the lease: a replay may have moved the cursor before it was taken.
      continue;
    }
    const viewer = partnerViewer(w.partnerKeyId);
    if (!(await d.credentialHolds(viewer)))
      return void (await d.leases.stop(id, w.deliveredSeq, WebhookStopReason.KEY_REVOKED));
    const head = await d.feed.head();
    // Caught up; or ahead of the feed, which resumable() stops as CURSOR_UNKNOWN.
    if (w.deliveredSeq >= head) return void (await resumable(w, d));
    // A bounded stretch of the feed per read, however rare the partner's events are.
    const upTo = Math.min(head, w.deliveredSeq + SCAN_WINDOW);
    const page = await d.feed.visible(viewer, w.deliveredSeq, PAGE, { types: w.types as RecordTypeName[] }, upTo);
    if (!(await resumable(w, d))) return;
    const secret = openSecret(w.secretBox);
    for (const event of page) {
      // Stopping: the POST under way finishes and is stored; no new one starts.
      if (d.stopping() || !(await deliverOne(w, viewer, secret, event, d))) return;
    }
    if (page.length < PAGE && w.deliveredSeq < upTo && !(await d.leases.advance(id, w.deliveredSeq, upTo))) return;
  }
}

/** False, with the webhook stopped, when its cursor left retention or is past the newest event. Asked after reading the page (retention deletes the oldest first). */
async function resumable(w: Webhook, d: WorkerDeps): Promise<boolean> {
  try {
    await d.feed.checkResumable(w.deliveredSeq);
    return true;
  } catch (err) {
    const reason = err instanceof AppError ? STOPS[err.code] : undefined;
    if (!reason) throw err;
    await d.leases.stop(w.id, w.deliveredSeq, reason);
    return false;
  }
}

/** One POST of `event`; true when the receiver took it and the cursor moved (`w` follows). */
async function deliverOne(
  w: Webhook,
  viewer: Viewer,
  secret: string,
  event: ChangeEvent,
  d: WorkerDeps,
): Promise<boolean> {
  const body = await d.render(viewer, event);
  const sentAt = new Date(d.now());
  const outcome = await d.client.post({ url: w.url, id: cursorOf(event.seq), body, secret, sentAt });
  const attempt = {
    seq: event.seq,
    attempt: w.failures + 1,
    httpStatus: outcome.httpStatus,
    error: outcome.error,
    durationMs: outcome.durationMs,
    attemptedAt: sentAt,
  };
  if (!outcome.ok) {
    // Counted from the failed attempt's start, so the spacing of attempts is the delay's.
    await d.leases.failed(w.id, w.deliveredSeq, attempt, sentAt.getTime() + retryDelay(attempt.attempt, d.retry));
    return false;
  }
  if (!(await d.leases.delivered(w.id, w.deliveredSeq, attempt))) return false;
  w.deliveredSeq = event.seq;
  w.failures = 0;
  return true;
}

import type { ChangeBatch } from '../changes/change-batch';
import type { LiveSelector, StreamItem } from '../changes/live-stream';
import type { Shared, Subscriber } from './direct-subscribe';

/** How a member's time in the group ended; its pump carries on from there. */
export type Outcome =
  /** The subscription stopped (client complete, socket closed). */
  | { kind: 'left' }
  /** Its stream ended with this final item (an expired credential). */
  | { kind: 'ended'; item: StreamItem }
  /** Its client fell behind: the stream is its own again, replaying once the socket drains. */
  | { kind: 'behind' }
  /** A batch failed for it (the database, say): its stream replays from `from`, before that batch. */
  | { kind: 'failed'; from?: number };

interface Send {
  member: Member;
  shared: Shared[];
  auditOk: boolean;
  end: StreamItem | null;
}

export interface Member {
  selector: LiveSelector;
  sub: Subscriber;
  finish: (outcome: Outcome) => void;
}

/** What the group needs of direct-subscribe: the same steps a single subscription's delivery takes. */
export interface Delivery {
  resultsOf: (events: object[]) => Shared[] | Promise<Shared[]>;
  audited: (sub: Subscriber, shared: Shared[]) => true | Promise<boolean>;
  write: (sub: Subscriber, shared: Shared[], auditOk: boolean) => boolean;
  fellBehind?: () => void;
}

/**
 * The live subscriptions of one key (view key, document, variables) in this process, served
 * by one bus listener. Per batch: each member's selection (its filter, scope and credential
 * answers, asked once per batch and kept by ChangeBatch, so mostly without waiting), one
 * execution per event for the key, every member's read audit written together, then one
 * write per socket, all in one pass instead of one promise chain per subscription.
 * Batches are handled one at a time, in order.
 */
export class LiveGroup {
  private readonly members = new Set<Member>();
  private unsubscribe: (() => void) | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly delivery: Delivery, private readonly onEmpty: () => void) {}

  /** Joins a member whose stream has just handed over (between two batches, so none is missed). */
  add(member: Member): void {
    this.members.add(member);
    // Weighted by the members: the relay spaces its reads by how many subscriptions it feeds.
    this.unsubscribe ??= member.selector.bus.subscribe((batch) => {
      this.queue = this.queue.then(() => this.handle(batch));
    }, () => this.members.size);
  }

  leave(member: Member, outcome: Outcome = { kind: 'left' }): void {
    if (!this.members.delete(member)) return;
    if (outcome.kind === 'behind') member.selector.takeBack();
    if (outcome.kind === 'failed') member.selector.takeBack(outcome.from);
    member.finish(outcome);
    if (this.members.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.onEmpty();
    }
  }

  /**
   * One batch for every member. If it fails before anything is written (an execution, say),
   * each member goes back to its own stream from where it stood before the batch, and
   * replays it there.
   */
  private async handle(batch: ChangeBatch): Promise<void> {
    const members = [...this.members];
    const before = members.map((m) => m.selector.position());
    let sends: Send[];
    try {
      sends = await this.prepare(members, batch);
    } catch {
      members.forEach((member, i) => this.leave(member, { kind: 'failed', from: before[i] }));
      return;
    }
    for (const s of sends) {
      if (!this.members.has(s.member)) continue;
      const behind = this.delivery.write(s.member.sub, s.shared, s.auditOk);
      if (s.end !== null) this.leave(s.member, { kind: 'ended', item: s.end });
      else if (behind) {
        this.delivery.fellBehind?.();
        this.leave(s.member, { kind: 'behind' });
      }
    }
  }

  /** What each member gets of the batch, executed and audited, ready to write. */
  private async prepare(members: Member[], batch: ChangeBatch): Promise<Send[]> {
    const items = await this.select(members, batch);
    const sending: { member: Member; shared: Shared[] | Promise<Shared[]>; end: StreamItem | null }[] = [];
    members.forEach((member, i) => {
      const chosen = items[i];
      if (chosen === null) return this.leave(member, { kind: 'failed' });
      // Events are objects; a final item (CREDENTIAL_ENDED) can only come last.
      const tail = chosen[chosen.length - 1];
      const end = tail !== undefined && typeof tail !== 'object' ? tail : null;
      const events = (end === null ? chosen : chosen.slice(0, -1)) as object[];
      if (events.length > 0) sending.push({ member, shared: this.delivery.resultsOf(events), end });
      else if (end !== null) this.leave(member, { kind: 'ended', item: end });
    });
    if (sending.length === 0) return [];
    const pending = sending.map((s) => s.shared);
    const results = pending.some((p) => p instanceof Promise) ? await Promise.all(pending) : (pending as Shared[][]);
    // Every member's confidential reads go into the audit together (one group commit).
    const audits = sending.map((s, i) => this.delivery.audited(s.member.sub, results[i]));
    const auditOk = audits.some((a) => a !== true) ? await Promise.all(audits) : (audits as true[]);
    return sending.map((s, i) => ({ member: s.member, shared: results[i], auditOk: auditOk[i], end: s.end }));
  }

  /** Each member's items of the batch, in member order; null for a member whose selection failed. */
  private async select(members: Member[], batch: ChangeBatch): Promise<(StreamItem[] | null)[]> {
    const out: (StreamItem[] | null)[] = new Array(members.length);
    const waits: Promise<void>[] = [];
    members.forEach((member, i) => {
      try {
        const chosen = member.selector.select(batch);
        if (chosen instanceof Promise) waits.push(chosen.then((v) => void (out[i] = v), () => void (out[i] = null)));
        else out[i] = chosen;
      } catch {
        out[i] = null;
      }
    });
    if (waits.length > 0) await Promise.all(waits);
    return out;
  }
}

import type { ExecutionArgs } from 'graphql';
import type { Viewer } from '../../auth/jwt';
import { ReadRecorder } from '../../auth/read-recorder';
import { AppError } from '../../common/errors';
import { scopeKey } from '../../auth/row-scope';
import { readsCredit } from '../../auth/guard';
import type { ChangeEvent } from '../../outbox/change-event.entity';
import type { ChangeBatch } from './change-batch';
import {
  type ChangeSubscription,
  Checkpoint,
  CREDENTIAL_ENDED,
  CURSOR_AHEAD,
  CURSOR_GONE,
} from './change-subscription';
import { checkpointDue, DEFAULT_CHECKPOINT_MS, owesCheckpoint } from './checkpoints';
import type { Member } from './member';
import { Outgoing } from './outlet';
import {
  executeItem,
  type FormatResult,
  messageFor,
  type SharedResult,
  shareEvent,
  type SubscriberContext,
} from './shared-result';
import { groupBy } from '../../common/group-by';

/** Events read from the outbox at a time by a member that is behind. */
const PAGE = 200;

export interface GroupOptions {
  format: FormatResult;
  /** Writes the confidential reads in `ctx.reads` to the read audit; absent without audit. */
  flushReads?: (ctx: SubscriberContext) => Promise<void>;
  /** Told when a member's client fell behind (a metric). */
  onFellBehind?: () => void;
  /** Least time between two checkpoints of a member that asked for them (checkpoints.ts). */
  checkpointMs?: number;
}

/** Viewers with the same key hold or lose their credential together. */
const credentialKey = (viewer: Viewer) =>
  `credential:${viewer.subject}|${viewer.expiresAt ?? ''}|${viewer.partnerKeyId ?? ''}`;

/** The results after `cursor` (results are in seq order). */
function after(results: SharedResult[], cursor: number): SharedResult[] {
  const first = results.findIndex((r) => r.seq > cursor);
  return first <= 0 ? (first === 0 ? results : []) : results.slice(first);
}

/**
 * The subscriptions of one view (view key, document, variables) in this process. Everyone in
 * it would get the same answer for an event, so each event is executed once for the group,
 * under its founder's context, and serialized once; only the credential and the read audit
 * are each member's own. One pass at a time handles, in order: the relay's batches for the
 * members that are live (their cursor is where the group stands), then a page of the outbox
 * for each cursor of the members that are behind (they came with `after`, a step failed for
 * them, or their client stopped reading), until no one is behind.
 */
export class ViewGroup {
  private readonly members = new Set<Member>();
  private readonly pending: ChangeBatch[] = [];
  /** The newest seq of the batches handled: a member whose cursor is here (or past it) is live. */
  private live: number;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly args: ExecutionArgs,
    private readonly founder: SubscriberContext,
    private readonly sub: ChangeSubscription,
    private readonly options: GroupOptions,
    private readonly onEmpty: () => void,
  ) {
    // Together, with nothing between: every later batch holds only events after `live`.
    this.live = sub.source.publishedSeq();
    // Weighted by the members: the relay spaces its reads by how many subscriptions it feeds.
    this.unsubscribe = sub.source.bus.subscribe(
      (batch) => {
        this.pending.push(batch);
        this.kick();
      },
      () => this.members.size,
    );
  }

  join(member: Member): void {
    this.members.add(member);
    this.kick();
  }

  leave(member: Member): void {
    if (!this.members.delete(member)) return;
    member.end();
    if (this.members.size > 0) return;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.onEmpty();
  }

  /** Starts a pass, or makes the running one go round once more. */
  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.run();
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false;
        while (this.members.size > 0 && (await this.step()));
        await this.sendCheckpoints();
      } while (this.again);
    } catch (err) {
      // Each step handles its own failures; this is a bug. Everyone tries again after a while.
      this.failed(
        [...this.members].filter((m) => m.active),
        err,
        'a delivery pass',
      );
    } finally {
      this.running = false;
      this.retryLater();
    }
  }

  /** One batch, or one outbox page for those behind; false when there is nothing to do. */
  private async step(): Promise<boolean> {
    const batch = this.pending.shift();
    if (batch) {
      await this.serveLive(batch);
      return true;
    }
    const now = Date.now();
    const behind = [...this.members].filter((m) => m.ready(now) && m.cursor < this.live);
    if (behind.length === 0) return false;
    const byCursor = groupBy(behind, (m) => m.cursor);
    await Promise.all([...byCursor].map(([cursor, members]) => this.catchUp(cursor, members)));
    return true;
  }

  /** A batch for the members that were live before it; the scope question is asked once per batch and scope. */
  private async serveLive(batch: ChangeBatch): Promise<void> {
    const from = this.live;
    this.live = Math.max(this.live, batch.lastSeq);
    const now = Date.now();
    const takers = [...this.members].filter((m) => m.ready(now) && m.cursor >= from);
    if (takers.length === 0) return;
    const events = batch.events.filter(this.sub.matches);
    if (events.length === 0) return takers.forEach((m) => m.servedTo(batch.lastSeq));
    const { feed, credentialHolds } = this.sub.source;
    const viewer = this.founder.viewer;
    let visible: Set<number>;
    try {
      // Credit readers also see credit requests' events (change-feed.service.ts): part of the question.
      const question = `scope:${scopeKey(viewer)}|credit:${readsCredit(viewer)}`;
      visible = await batch.shared(
        question,
        async () =>
          new Set(
            await feed.visibleSeqs(
              viewer,
              batch.events.map((e) => e.seq),
            ),
          ),
      );
    } catch (err) {
      return this.failed(takers, err, 'the scope check');
    }
    const credential = (m: Member) => batch.shared(credentialKey(m.ctx.viewer), () => credentialHolds(m.ctx.viewer));
    await this.deliver(
      takers,
      events.filter((e) => visible.has(e.seq)),
      batch.lastSeq,
      credential,
    );
  }

  /** A page of the outbox after `cursor` for the members standing there. */
  private async catchUp(cursor: number, members: Member[]): Promise<void> {
    const { feed, credentialHolds } = this.sub.source;
    const live = this.live;
    let page: ChangeEvent[];
    try {
      page = await feed.visible(this.founder.viewer, cursor, PAGE, this.sub.filter);
      // Checked after the read: retention deletes the oldest first, so what is kept now was kept then.
      await feed.checkResumable(cursor);
    } catch (err) {
      if (err instanceof AppError && err.code === 'CURSOR_EXPIRED')
        return void (await Promise.all(members.map((m) => this.endWith(m, CURSOR_GONE))));
      if (err instanceof AppError && err.code === 'CURSOR_UNKNOWN')
        return void (await Promise.all(members.map((m) => this.endWith(m, CURSOR_AHEAD))));
      return this.failed(members, err, 'reading the outbox');
    }
    // A short page holds everything committed after `cursor`, and so every event up to `live`.
    const upTo = page.length === PAGE ? page[PAGE - 1].seq : Math.max(live, page.at(-1)?.seq ?? cursor);
    await this.deliver(members, page, upTo, (m) => credentialHolds(m.ctx.viewer));
  }

  /**
   * Sends each member its events of `events` (those after its cursor) and moves its cursor to
   * `upTo`: its credential checked, each event executed once for all, its reads audited (all
   * members' in one group commit), then one write to its socket. A member for whom a step
   * fails is sent none of them and tries again later from where it stood.
   */
  private async deliver(
    members: Member[],
    events: ChangeEvent[],
    upTo: number,
    credential: (m: Member) => Promise<boolean>,
  ): Promise<void> {
    const newest = events.at(-1)?.seq ?? -Infinity;
    const wanting = members.filter((m) => newest > m.cursor);
    for (const m of members) if (newest <= m.cursor) m.servedTo(upTo);
    if (wanting.length === 0) return;

    const checked = await this.holding(wanting, credential);
    if (checked.length === 0) return;

    const oldest = Math.min(...checked.map((m) => m.cursor));
    let results: SharedResult[];
    try {
      results = await Promise.all(
        events.filter((e) => e.seq > oldest).map((e) => shareEvent(this.args, this.founder, e, this.options.format)),
      );
    } catch (err) {
      return this.failed(checked, err, 'executing the events');
    }
    const theirs = checked.map((m) => after(results, m.cursor));
    const audits = await Promise.allSettled(checked.map((m, i) => this.audit(m, theirs[i])));
    // Members mostly get the whole run under the same operation id: it is framed once for them all.
    const runs = new Map<string, Outgoing>();
    const outgoing = (m: Member, mine: SharedResult[]) => {
      const build = () => new Outgoing(mine.map((r) => messageFor(r, m.outlet)));
      if (mine !== results) return build();
      let run = runs.get(m.outlet.id);
      if (!run) runs.set(m.outlet.id, (run = build()));
      return run;
    };
    this.failedWhere(checked, audits, 'the read audit');
    const now = Date.now();
    checked.forEach((m, i) => {
      if (!m.active || audits[i].status === 'rejected') return;
      if (m.outlet.send(outgoing(m, theirs[i]))) this.fellBehind(m);
      if (theirs[i].length > 0) m.toldUpTo(theirs[i][theirs[i].length - 1].seq, now);
      m.servedTo(upTo);
    });
  }

  /** The members whose credential holds; those whose credential ended get their last message, those whose check failed wait. */
  private async holding(members: Member[], credential: (m: Member) => Promise<boolean>): Promise<Member[]> {
    const holds = await Promise.allSettled(members.map(credential));
    const checked: Member[] = [];
    holds.forEach((h, i) => {
      if (h.status === 'fulfilled' && h.value) checked.push(members[i]);
      else if (h.status === 'fulfilled') void this.endWith(members[i], CREDENTIAL_ENDED);
    });
    this.failedWhere(members, holds, 'the credential check');
    return checked;
  }

  /** A checkpoint for each member owed one, its credential checked first; one execution per cursor. */
  private async sendCheckpoints(): Promise<void> {
    const now = Date.now();
    const owed = [...this.members].filter((m) => owesCheckpoint(m, now, this.checkpointMs));
    if (owed.length === 0) return;
    const checked = await this.holding(owed, (m) => this.sub.source.credentialHolds(m.ctx.viewer));
    const results = new Map<number, Promise<Buffer>>();
    const resultAt = (seq: number) => {
      let json = results.get(seq);
      if (!json)
        results.set(
          seq,
          (json = executeItem(this.args, this.founder, new Checkpoint(seq, new Date(now)), this.options.format).then(
            (r) => r.json,
          )),
        );
      return json;
    };
    await Promise.all(
      checked.map(async (m) => {
        const seq = m.cursor;
        try {
          const json = await resultAt(seq);
          if (!m.active) return;
          if (m.outlet.send(new Outgoing([m.outlet.next(json)]))) this.fellBehind(m);
          m.toldUpTo(seq, now);
        } catch (err) {
          this.failed([m], err, 'a checkpoint');
        }
      }),
    );
  }

  private get checkpointMs(): number {
    return this.options.checkpointMs ?? DEFAULT_CHECKPOINT_MS;
  }

  /** Stores the confidential reads in `results` as this member's, before it receives them. */
  private async audit(m: Member, results: SharedResult[]): Promise<void> {
    const flush = this.options.flushReads;
    if (!flush || !results.some((r) => r.reads.size > 0)) return;
    const reads = new ReadRecorder();
    for (const r of results) reads.absorb(r.reads);
    await flush({ ...m.ctx, reads });
  }

  /** Its client stopped reading: it is sent nothing until it has, then catches up from the outbox. */
  private fellBehind(m: Member): void {
    m.congested = true;
    this.options.onFellBehind?.();
    void m.outlet
      .drained()
      .catch(() => undefined)
      .then(() => {
        m.congested = false;
        this.kick();
      });
  }

  /** Sends the member's last message (an error for `item`), after which graphql-ws completes the operation. */
  private async endWith(
    m: Member,
    item: typeof CREDENTIAL_ENDED | typeof CURSOR_GONE | typeof CURSOR_AHEAD,
  ): Promise<void> {
    m.active = false;
    try {
      const { json } = await executeItem(this.args, m.ctx, item, this.options.format);
      m.outlet.send(new Outgoing([m.outlet.next(json)]));
    } catch (err) {
      m.ctx.log.error({ err }, 'change delivery: the last message of a subscription could not be sent');
    }
    this.leave(m);
  }

  /** Transient failures (the database, say): these members wait, longer each time in a row, then catch up from the outbox. */
  private failed(members: Member[], err: unknown, what: string): void {
    if (members.length === 0) return;
    const now = Date.now();
    for (const m of members) m.failed(now);
    members[0].ctx.log.warn(
      { err, subscriptions: members.length },
      `change delivery: ${what} failed; events held back and retried`,
    );
  }

  /** The members whose own step failed (one log line for them all). */
  private failedWhere(members: Member[], outcomes: PromiseSettledResult<unknown>[], what: string): void {
    const failed = outcomes.flatMap((o, i) =>
      o.status === 'rejected' ? [{ member: members[i], reason: o.reason as unknown }] : [],
    );
    if (failed.length > 0)
      this.failed(
        failed.map((f) => f.member),
        failed[0].reason,
        what,
      );
  }

  /** Wakes the group when the first member waiting after a failure may try again, or is owed a checkpoint. */
  private retryLater(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = Date.now();
    let next = Infinity;
    for (const m of this.members) {
      if (m.active && !m.congested && m.retryAt > now) next = Math.min(next, m.retryAt);
      const due = checkpointDue(m, this.checkpointMs);
      if (due > now) next = Math.min(next, due);
    }
    if (next === Infinity) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, next - now).unref();
  }
}

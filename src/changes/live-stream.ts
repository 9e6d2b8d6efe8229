import type { Viewer } from '../auth/jwt';
import type { ChangeFeedService, FeedFilter } from './change-feed.service';
import type { ChangeEvent } from './change-event.entity';
import type { ChangeBus } from './change-bus';
import type { ChangeBatch } from './change-batch';
import { scopeKey } from '../customers/customer.scope';
import { readsCredit } from '../auth/guard';

const REPLAY_PAGE = 200;

/** Yielded once when the subscriber's credential stopped holding; the resolver turns it into UNAUTHENTICATED. */
export const CREDENTIAL_ENDED = Symbol('credential ended');
export type StreamItem = ChangeEvent | typeof CREDENTIAL_ENDED;

export interface StreamSource {
  feed: ChangeFeedService;
  bus: ChangeBus;
  /** Newest seq the relay has published: where a subscription without `after` starts. */
  publishedSeq: () => number;
  /** Whether the viewer's credential still holds (an expired token or a revoked key does not). */
  credentialHolds: (viewer: Viewer) => boolean | Promise<boolean>;
}

/**
 * Events for one subscription: first every visible event after `from` read from the
 * outbox, then live ones from the bus. The bus listener is attached BEFORE the replay
 * reads, and buffers; anything it got that the replay already yielded is dropped by seq.
 * The bus carries committed events in seq order, so no seq can fall between the two.
 * Before each page or batch the credential is checked again: when it no longer holds,
 * the stream yields CREDENTIAL_ENDED and ends.
 */
/** The stream, plus what is already waiting taken in one call (for consumers that deliver a batch at once). */
export interface ChangeStream extends AsyncIterableIterator<StreamItem> {
  takeReady(): StreamItem[];
  /**
   * When the stream is live and idle (every published batch handled, nothing waiting, not
   * inside next()): stops listening to the bus itself and returns a selector, through which
   * the caller hands it each later batch instead. Null otherwise. Lets one listener serve
   * many subscriptions per batch (server/live-group.ts) without a pass through each one's
   * iterator; `takeBack` returns the stream to listening and to next().
   */
  handOver(): LiveSelector | null;
}

export interface LiveSelector {
  /** The bus the stream listened to: whoever took it over listens there now. */
  readonly bus: ChangeBus;
  /**
   * This subscription's items of `batch`, in order: the events its viewer may see, then
   * CREDENTIAL_ENDED if the credential stopped holding (the stream has then ended). A plain
   * array, without waiting, once the batch has the answers this viewer needs (ChangeBatch).
   */
  select(batch: ChangeBatch): StreamItem[] | Promise<StreamItem[]>;
  /** The seq of the last event selected: where the stream stands. */
  position(): number;
  /**
   * Gives the stream back: it reads the outbox after `from` (default: the last event
   * selected; a taker that could not deliver what it selected passes the position it had
   * before), then listens to the bus again. Read it with next() from here on.
   */
  takeBack(from?: number): void;
}

export function changeStream(src: StreamSource, viewer: Viewer, filter: FeedFilter, from: number | null): ChangeStream {
  const matches = src.feed.matcher(filter);
  // Viewers with the same key hold or lose their credential together.
  const credentialQuestion = `credential:${viewer.subject}|${viewer.expiresAt ?? ''}|${viewer.partnerKeyId ?? ''}`;
  // Credit readers see credit requests' events too (change-feed.service.ts): part of the scope.
  const scopeQuestion = `scope:${scopeKey(viewer)}|credit:${readsCredit(viewer)}`;
  const pending: ChangeBatch[] = [];
  let wakeUp: (() => void) | null = null;
  let closed = false;
  let inNext = false;
  const listen = () => src.bus.subscribe((batch) => {
    pending.push(batch);
    wakeUp?.();
  });
  let unsubscribe: (() => void) | null = listen();
  let last = from ?? src.publishedSeq();
  let replaying = from !== null;
  let ready: StreamItem[] = [];

  const endWith = (item: StreamItem[]) => {
    ready = item;
    close();
  };

  const replayPage = async (): Promise<void> => {
    if (!(await src.credentialHolds(viewer))) return endWith([CREDENTIAL_ENDED]);
    ready = await src.feed.visible(viewer, last, REPLAY_PAGE, filter);
    if (ready.length < REPLAY_PAGE) replaying = false;
  };

  /**
   * The new events of one live batch this viewer may see, appended to `out`. Both questions
   * are decided now, at delivery (an ended grant or key stops delivery), and asked once per
   * batch for all subscribers with the same credential or the same scope. Answers that have
   * arrived are taken as they are: with a thousand subscriptions, awaiting each one anyway
   * would cost a promise job apiece. False when the credential no longer holds.
   */
  function take(batch: ChangeBatch, out: StreamItem[]): boolean | Promise<boolean> {
    const fresh = batch.events.filter((e) => e.seq > last && matches(e));
    if (fresh.length === 0) return true;
    const holds = batch.shared(credentialQuestion, () => src.credentialHolds(viewer));
    const scope = batch.shared(scopeQuestion, async () => new Set(await src.feed.visibleSeqs(viewer, batch.events.map((e) => e.seq))));
    const finish = (ok: boolean, visible: Set<number>) => {
      if (!ok) return false;
      for (const e of fresh) if (visible.has(e.seq)) out.push(e);
      last = fresh[fresh.length - 1].seq;
      return true;
    };
    if (holds instanceof Promise || scope instanceof Promise) return Promise.all([holds, scope]).then(([ok, visible]) => finish(ok, visible));
    return finish(holds, scope);
  }

  const liveBatches = async (): Promise<void> => {
    while (!closed && pending.length === 0) await new Promise<void>((resolve) => (wakeUp = resolve));
    wakeUp = null;
    for (const batch of pending.splice(0)) {
      const taken = take(batch, ready);
      if (!(taken instanceof Promise ? await taken : taken)) return endWith([...ready, CREDENTIAL_ENDED]);
    }
  };

  /** Items handed to the consumer: later events at or before them are duplicates. */
  function passed(items: StreamItem[]): StreamItem[] {
    for (const item of items) if (item !== CREDENTIAL_ENDED) last = Math.max(last, item.seq);
    return items;
  }

  function close() {
    closed = true;
    unsubscribe?.();
    unsubscribe = null;
    wakeUp?.();
  }

  const selector: LiveSelector = {
    bus: src.bus,
    select(batch) {
      const out: StreamItem[] = [];
      const ended = () => {
        close();
        out.push(CREDENTIAL_ENDED);
        return out;
      };
      if (closed) return out;
      const taken = take(batch, out);
      if (taken instanceof Promise) return taken.then((ok) => (ok ? out : ended()));
      return taken ? out : ended();
    },
    position: () => last,
    takeBack(from = last) {
      if (closed || unsubscribe) return;
      last = from;
      // Listening first, then replaying: what the bus brings meanwhile is dropped by seq.
      unsubscribe = listen();
      replaying = true;
    },
  };

  return {
    async next() {
      inNext = true;
      try {
        while (!closed && ready.length === 0) await (replaying ? replayPage() : liveBatches());
      } finally {
        inNext = false;
      }
      const item = ready.shift();
      if (item === undefined) return { done: true, value: undefined };
      passed([item]);
      return { done: false, value: item };
    },
    takeReady() {
      const items = ready;
      ready = [];
      return passed(items);
    },
    handOver() {
      if (closed || replaying || inNext || !unsubscribe || pending.length > 0 || ready.length > 0) return null;
      unsubscribe();
      unsubscribe = null;
      return selector;
    },
    async return() {
      close();
      ready = [];
      return { done: true, value: undefined };
    },
    async throw(err) {
      close();
      ready = [];
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

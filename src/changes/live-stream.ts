import type { Viewer } from '../auth/jwt';
import type { ChangeFeedService, FeedFilter } from './change-feed.service';
import type { ChangeEvent } from './change-event.entity';
import type { ChangeBus } from './change-bus';
import type { ChangeBatch } from './change-batch';
import { scopeKey } from '../customers/customer.scope';

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
  credentialHolds: (viewer: Viewer) => Promise<boolean>;
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
}

export function changeStream(src: StreamSource, viewer: Viewer, filter: FeedFilter, from: number | null): ChangeStream {
  const matches = src.feed.matcher(filter);
  // Viewers with the same key hold or lose their credential together.
  const credentialKey = `${viewer.subject}|${viewer.expiresAt ?? ''}|${viewer.partnerKeyId ?? ''}`;
  const pending: ChangeBatch[] = [];
  let wakeUp: (() => void) | null = null;
  let closed = false;
  const unsubscribe = src.bus.subscribe((batch) => {
    pending.push(batch);
    wakeUp?.();
  });
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

  const liveBatches = async (): Promise<void> => {
    while (!closed && pending.length === 0) await new Promise<void>((resolve) => (wakeUp = resolve));
    wakeUp = null;
    for (const batch of pending.splice(0)) {
      const fresh = batch.events.filter((e) => e.seq > last && matches(e));
      if (fresh.length === 0) continue;
      // Both are decided now, at delivery (an ended grant or key stops delivery), and asked
      // once per batch for all subscribers with the same credential or the same scope.
      if (!(await batch.shared(`credential:${credentialKey}`, () => src.credentialHolds(viewer)))) return endWith([...ready, CREDENTIAL_ENDED]);
      const visible = await batch.shared(`scope:${scopeKey(viewer)}`, async () => new Set(await src.feed.visibleSeqs(viewer, batch.events.map((e) => e.seq))));
      ready.push(...fresh.filter((e) => visible.has(e.seq)));
      last = fresh[fresh.length - 1].seq;
    }
  };

  /** Items handed to the consumer: later events at or before them are duplicates. */
  function passed(items: StreamItem[]): StreamItem[] {
    for (const item of items) if (item !== CREDENTIAL_ENDED) last = Math.max(last, item.seq);
    return items;
  }

  function close() {
    closed = true;
    unsubscribe();
    wakeUp?.();
  }

  return {
    async next() {
      while (!closed && ready.length === 0) await (replaying ? replayPage() : liveBatches());
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

import type { Viewer } from '../auth/jwt';
import type { ChangeFeedService, FeedFilter } from './change-feed.service';
import type { ChangeEvent } from './change-event.entity';
import type { ChangeBus } from './change-bus';

const REPLAY_PAGE = 200;

export interface StreamSource {
  feed: ChangeFeedService;
  bus: ChangeBus;
  /** Newest seq the relay has published: where a subscription without `after` starts. */
  publishedSeq: () => number;
}

/**
 * Events for one subscription: first every visible event after `from` read from the
 * outbox, then live ones from the bus. The bus listener is attached BEFORE the replay
 * reads, and buffers; anything it got that the replay already yielded is dropped by seq.
 * The bus carries committed events in seq order, so no seq can fall between the two.
 */
export function changeStream(src: StreamSource, viewer: Viewer, filter: FeedFilter, from: number | null): AsyncIterableIterator<ChangeEvent> {
  const pending: ChangeEvent[] = [];
  let wakeUp: (() => void) | null = null;
  let closed = false;
  const unsubscribe = src.bus.subscribe((event) => {
    pending.push(event);
    wakeUp?.();
  });
  let last = from ?? src.publishedSeq();
  let replaying = from !== null;
  let ready: ChangeEvent[] = [];

  const nextBatch = async (): Promise<void> => {
    if (replaying) {
      ready = await src.feed.visible(viewer, last, REPLAY_PAGE, filter);
      if (ready.length < REPLAY_PAGE) replaying = false;
      return;
    }
    while (!closed && !pending.some((e) => e.seq > last)) await new Promise<void>((resolve) => (wakeUp = resolve));
    wakeUp = null;
    const fresh = pending.splice(0).filter((e) => e.seq > last);
    if (fresh.length === 0) return;
    // Scope is checked now, at delivery, for the whole batch in one statement.
    ready = await src.feed.visible(viewer, last, fresh.length, filter, fresh.map((e) => e.seq));
    last = fresh[fresh.length - 1].seq;
  };

  const close = () => {
    closed = true;
    unsubscribe();
    wakeUp?.();
  };

  return {
    async next() {
      while (!closed && ready.length === 0) await nextBatch();
      if (closed) return { done: true, value: undefined };
      const event = ready.shift()!;
      last = Math.max(last, event.seq);
      return { done: false, value: event };
    },
    async return() {
      close();
      return { done: true, value: undefined };
    },
    async throw(err) {
      close();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

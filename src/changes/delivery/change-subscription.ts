import type { Viewer } from '../../auth/jwt';
import type { ChangeEvent } from '../../outbox/change-event.entity';
import type { ChangeFeedService, FeedFilter } from '../change-feed.service';
import type { ChangeBus } from './change-bus';

/** Where a subscription's events come from: the outbox, and the relay's bus for live ones. */
export interface FeedSource {
  feed: ChangeFeedService;
  bus: ChangeBus;
  /** Newest seq the relay has published: where a subscription without `after` starts. */
  publishedSeq: () => number;
  /** Whether the viewer's credential still holds (an expired token or a revoked key does not). */
  credentialHolds: (viewer: Viewer) => Promise<boolean>;
}

/** The last item of a subscription whose credential stopped holding: the resolver answers UNAUTHENTICATED. */
export const CREDENTIAL_ENDED = Symbol('credential ended');
/** The last item of a subscription whose cursor fell out of retention: the resolver answers CURSOR_EXPIRED. */
export const CURSOR_GONE = Symbol('cursor expired');
/** The last item of a subscription whose cursor is past the newest event (the database went back): CURSOR_UNKNOWN. */
export const CURSOR_AHEAD = Symbol('cursor ahead');

/** Sent to subscriptions that asked for checkpoints: their cursor passed events not theirs, up to `seq`. */
export class Checkpoint {
  constructor(
    readonly seq: number,
    readonly at: Date,
  ) {}
}

export type FeedItem = ChangeEvent | Checkpoint | typeof CREDENTIAL_ENDED | typeof CURSOR_GONE | typeof CURSOR_AHEAD;

/**
 * What `recordChanged`'s subscribe answers: who subscribes, to what, from which seq. It is
 * delivered by this folder's groups (index.ts), which recognise it by its class; graphql-js
 * only checks that it is async-iterable, and nothing iterates it.
 */
export class ChangeSubscription implements AsyncIterable<never> {
  /** The filter's own conditions in memory, for live events (scope is asked of the database). */
  readonly matches: (e: ChangeEvent) => boolean;

  /**
   * `checkpoints`: the subscriber is also told, as a Checkpoint item, when its cursor moved past
   * events it did not get (see view-group.ts), so a subscriber that sees few events can resume
   * from near the head rather than from its last event, which may have left retention.
   */
  constructor(
    readonly source: FeedSource,
    readonly viewer: Viewer,
    readonly filter: FeedFilter,
    readonly from: number | null,
    readonly checkpoints = false,
  ) {
    // Built here, inside subscribe, so a bad customerId is answered as that operation's error.
    this.matches = source.feed.matcher(filter);
  }

  [Symbol.asyncIterator](): AsyncIterator<never> {
    throw new Error('recordChanged is delivered by src/changes/delivery, not iterated');
  }
}

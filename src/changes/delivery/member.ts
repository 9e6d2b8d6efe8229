import type { ExecutionResult } from 'graphql';
import type { Outlet } from './outlet';
import type { SubscriberContext } from './shared-result';

/** Waits between attempts after a failure: doubling from the first, up to the last. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * One subscription in a group: its socket, its context (credential, read audit), and its
 * cursor, the seq of the last event it was sent or passed over as not its own. The cursor
 * moves only when what lies before it has been written to its socket: an event that could
 * not be checked, executed or audited leaves the cursor where it was, and is tried again.
 */
export class Member {
  /** False once it has left the group or its subscription ended. */
  active = true;
  /** Its client is not reading: nothing more is sent until the socket drains. */
  congested = false;
  /** Not before this time (ms) after a failure. */
  retryAt = 0;
  /** The cursor its client last got, with an event or a checkpoint, and when (ms); -1: none yet. Kept for checkpoints only. */
  told = -1;
  toldAt = -Infinity;
  private failures = 0;
  private finish!: () => void;
  private readonly ended = new Promise<void>((resolve) => (this.finish = resolve));

  /** `checkpoints`: it is told its cursor when that passed events it was not sent (checkpoints.ts). */
  constructor(
    readonly outlet: Outlet,
    readonly ctx: SubscriberContext,
    public cursor: number,
    readonly checkpoints = false,
  ) {}

  /** Whether it can be served now. */
  ready(now: number): boolean {
    return this.active && !this.congested && this.retryAt <= now;
  }

  /** An attempt for it failed: it waits longer after each failure in a row. */
  failed(now: number): void {
    this.retryAt = now + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    this.failures++;
  }

  /** Events up to `seq` are on its socket (or were none of its business). */
  servedTo(seq: number): void {
    this.cursor = Math.max(this.cursor, seq);
    this.failures = 0;
  }

  /** Its client got everything up to `seq` (the last event or checkpoint sent). */
  toldUpTo(seq: number, now: number): void {
    this.told = seq;
    this.toldAt = now;
  }

  end(): void {
    this.active = false;
    this.finish();
  }

  /**
   * What graphql-ws holds for the operation: it yields nothing (every message goes out through
   * the outlet) and finishes when the subscription ends, so that graphql-ws then sends
   * `complete`. Its return() (client `complete`, socket closed) calls `leave`.
   */
  handle(leave: () => void): AsyncGenerator<ExecutionResult> {
    const ended = this.ended;
    const handle: AsyncGenerator<ExecutionResult> = {
      async next() {
        await ended;
        return { done: true, value: undefined };
      },
      async return() {
        leave();
        return { done: true, value: undefined };
      },
      async throw(err: unknown) {
        leave();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return handle;
      },
    };
    return handle;
  }
}

/**
 * Change-feed delivery: how a committed change reaches each subscriber's socket.
 *
 *   write ─ commit ─▶ change_event         the outbox; seq order is commit order (outbox/record-change.ts)
 *                          │
 *   relay.ts   reads seq > published ─▶ ChangeBatch ─▶ ChangeBus     one relay and one bus per process
 *                                                          │
 *   view-group.ts  one ViewGroup per view key + document + variables; each Member has a cursor
 *                  ├─ live members (cursor = where the group stands): the batch's events
 *                  └─ members behind (`after`, a failed step, a client that stopped reading):
 *                     a page of the outbox from their cursor, until they are live again
 *                  then for both: credential ─▶ execute once per event ─▶ read audit per member
 *                  └─ members that asked for checkpoints and passed events not theirs: a
 *                     Checkpoint with their cursor, at most every checkpointMs (checkpoints.ts)
 *                          │
 *   outlet.ts      one write of `next` messages per socket, framed once per run by ws's Sender.frame
 *
 * graphql-ws keeps owning the protocol (connection_init, subscribe, complete, close codes):
 * for a subscription it holds the Member's handle, which ends, and makes it send `complete`,
 * once the subscription has ended. Every `next` of a subscription goes out through here.
 *
 * What a subscriber can rely on: each event it may see, once, in seq order; its cursor
 * passes an event only once that event is on its socket with its read audit written, so a
 * checkpoint (its cursor) is a place to resume from without replaying or skipping any. A
 * failing database check, outbox read or audit write holds its events back and is retried
 * with backoff; only an ended credential (UNAUTHENTICATED), a cursor past retention
 * (CURSOR_EXPIRED) or past the newest event (CURSOR_UNKNOWN) ends the subscription, with
 * that error as its last message.
 */
import { createSourceEventStream, type ExecutionArgs, type ExecutionResult, print } from 'graphql';
import type { Viewer } from '../../auth/jwt';
import { ChangeSubscription } from './change-subscription';
import { Member } from './member';
import { checkLibraryVersions } from '../../common/library-internals';
import { type Outlet } from './outlet';
import type { SubscriberContext } from './shared-result';
import { type GroupOptions, ViewGroup } from './view-group';

export { ChangeSubscription, Checkpoint, CREDENTIAL_ENDED, CURSOR_AHEAD, CURSOR_GONE } from './change-subscription';
export type { FeedItem, FeedSource } from './change-subscription';
export { Outlet } from './outlet';

export interface DeliveryOptions extends GroupOptions {
  /** Viewers with equal keys get identical results (auth/view-key.ts). */
  viewKey: (viewer: Viewer) => string;
  /** The subscription's outlet, registered when graphql-ws built its context. */
  outletOf: (ctx: SubscriberContext) => Outlet | undefined;
}

/** graphql-ws's `subscribe`: a change subscription joins the group of its view. */
export function changeDelivery(options: DeliveryOptions) {
  checkLibraryVersions();
  const groups = new Map<string, ViewGroup>();
  return async (args: ExecutionArgs): Promise<ExecutionResult | AsyncGenerator<ExecutionResult>> => {
    // Arguments are coerced and validated, and `after` checked (CURSOR_EXPIRED), as for any field.
    const source = await createSourceEventStream(args);
    if (!(source instanceof ChangeSubscription)) {
      if (Symbol.asyncIterator in source) throw new Error('a subscription that is not a change subscription');
      return source;
    }
    const ctx = args.contextValue as SubscriberContext;
    const outlet = options.outletOf(ctx);
    if (!outlet) throw new Error('a subscription without a registered outlet');
    const key = `${options.viewKey(ctx.viewer)}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}\n${print(args.document)}`;
    let group = groups.get(key);
    if (!group) {
      group = new ViewGroup(args, ctx, source, options, () => groups.delete(key));
      groups.set(key, group);
    }
    const member = new Member(outlet, ctx, source.from ?? source.source.publishedSeq(), source.checkpoints);
    const joined = group;
    joined.join(member);
    return member.handle(() => joined.leave(member));
  };
}

import { createSourceEventStream, execute, ExecutionArgs, ExecutionResult, FormattedExecutionResult, print } from 'graphql';
import { MessageType } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { Viewer } from '../auth/jwt';
import { ReadRecorder } from '../audit/read-recorder';
import { Loaders } from '../common/loaders';
import type { Context } from './context';
import type { ChangeStream } from '../changes/live-stream';
import { LiveGroup, Member, Outcome } from './live-group';
import { drained, TextMessages, writeTextMessages } from './ws-frames';

/** The socket and operation id of a subscription, for sending its events directly. */
export interface Outlet {
  socket: WebSocket;
  id: string;
}

export interface DirectOptions {
  /** Viewers with equal keys get identical results (auth/view-key.ts). */
  viewKey: (viewer: Viewer) => string;
  /** The subscription's outlet, registered when graphql-ws built its context. */
  outletOf: (ctx: Context) => Outlet | undefined;
  /** Shapes a result as HTTP answers are shaped (errors through formatError), once per shared result. */
  format: (ctx: Context, result: ExecutionResult) => FormattedExecutionResult;
  /** Writes the viewer's confidential reads before an event is sent; absent without audit. */
  flushReads?: (ctx: Context) => Promise<void>;
  /** Told when a live subscription's client fell behind and its stream went back to the outbox. */
  onFellBehind?: () => void;
  /** What the subscriber gets instead of an event whose audit could not be written. */
  withheld: (ctx: Context) => FormattedExecutionResult;
}

export interface Shared {
  /** The formatted result as UTF-8 JSON: serialized and encoded once, sent to every subscriber sharing it. */
  json: Buffer;
  /** The confidential reads in it, noted again for each viewer it goes to. */
  reads: ReadRecorder;
  /** Tells shared results apart in the key of a run of them (see `framesFor`). */
  serial: number;
  /** Encoded runs of results that start with this one, by operation id and serials. */
  frames: Map<string, TextMessages>;
}

/** One subscription as delivery sees it: where its events go and whose reads they are. */
export interface Subscriber {
  outlet: Outlet;
  ctx: Context;
  /** `{"id":…,"type":"next","payload":` of its operation. */
  prefix: Buffer;
}

/**
 * graphql-ws executes, serializes and sends a subscription's selection once per event per
 * subscriber, with several promise hops each; at a thousand subscribers that per-delivery
 * work is what limits the feed. Here each subscription pumps its own source instead, in
 * order: subscribers with the same view key, document and variables share one execution
 * and one JSON payload per event, and each event goes out as one prebuilt `next` message.
 * Each viewer's confidential reads are still audited before it receives them. Once a
 * change stream is live and caught up, its pump hands it to the live group of its key
 * (live-group.ts), which serves all of that key's live subscriptions in one pass per batch.
 *
 * graphql-ws keeps owning the operation: the iterator returned here yields only when the
 * source ends with a final item (such as an expired credential, executed normally), and
 * its return() (client `complete`, socket closed) stops the pump.
 */
export function directSubscribe(options: DirectOptions) {
  const byEvent = new WeakMap<object, Map<string, Shared | Promise<Shared>>>();
  const groups = new Map<string, LiveGroup>();
  let serials = 0;

  const share = async (args: ExecutionArgs, ctx: Context, event: object): Promise<Shared> => {
    const reads = new ReadRecorder();
    const result = await execute({ ...args, rootValue: event, contextValue: { ...ctx, reads, loaders: new Loaders() } });
    return { json: Buffer.from(JSON.stringify(options.format(ctx, result))), reads, serial: ++serials, frames: new Map() };
  };

  /**
   * The frames of a run of shared results as `next` messages of operation `id`. Subscribers
   * of one view key mostly get the same run in the same batch under the same id (clients
   * number their operations alike), so it is encoded once and that one buffer is written to
   * each of their sockets. Kept with the run's first result, and gone with it.
   */
  const framesFor = (id: string, prefix: Buffer, run: Shared[]): TextMessages => {
    const key = `${id}\n${run.map((r) => r.serial).join(',')}`;
    let frames = run[0].frames.get(key);
    if (!frames) run[0].frames.set(key, (frames = new TextMessages(run.map((r) => [prefix, r.json, SUFFIX]))));
    return frames;
  };

  /**
   * Writes a subscriber's confidential reads in `shared`: true at once when there are none,
   * else whether that worked (when not, the events with reads are withheld).
   */
  const audited = (sub: Subscriber, shared: Shared[]): true | Promise<boolean> => {
    const flush = options.flushReads;
    if (!flush || !shared.some((r) => r.reads.size > 0)) return true;
    for (const r of shared) sub.ctx.reads.absorb(r.reads);
    return flush(sub.ctx).then(
      () => true,
      (err) => {
        sub.ctx.log.error({ err }, 'read audit failed: events withheld');
        return false;
      },
    );
  };

  /** Writes the events to the subscriber's socket; true when its client has fallen behind. */
  const write = (sub: Subscriber, shared: Shared[], auditOk: boolean): boolean => {
    if (auditOk) return writeTextMessages(sub.outlet.socket, framesFor(sub.outlet.id, sub.prefix, shared));
    const withheld = Buffer.from(JSON.stringify(options.withheld(sub.ctx)));
    return writeTextMessages(sub.outlet.socket, shared.map((r) => [sub.prefix, r.reads.size > 0 ? withheld : r.json, SUFFIX]));
  };

  return async (args: ExecutionArgs): Promise<ExecutionResult | AsyncGenerator<ExecutionResult>> => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const ctx = args.contextValue as Context;
    const outlet = options.outletOf(ctx);
    if (!outlet) {
      await source[Symbol.asyncIterator]().return?.();
      throw new Error('a subscription without a registered outlet');
    }
    const key = `${options.viewKey(ctx.viewer)}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}\n${print(args.document)}`;
    const sub: Subscriber = { outlet, ctx, prefix: Buffer.from(`{"id":${JSON.stringify(outlet.id)},"type":"${MessageType.Next}","payload":`) };
    const it = source[Symbol.asyncIterator]() as AsyncIterator<unknown> & Partial<Pick<ChangeStream, 'takeReady' | 'handOver'>>;
    let stopped = false;
    let member: Member | null = null;

    /** The shared result of an event for this key: computed by the first subscriber that needs it. */
    const sharedFor = (event: object): Shared | Promise<Shared> => {
      let results = byEvent.get(event);
      if (!results) byEvent.set(event, (results = new Map()));
      let shared = results.get(key);
      if (!shared) {
        const pending = share(args, ctx, event).then((done) => (results.set(key, done), done));
        results.set(key, (shared = pending));
      }
      return shared;
    };
    const resultsOf = (events: object[]): Shared[] | Promise<Shared[]> => {
      const pending = events.map(sharedFor);
      return pending.some((p) => p instanceof Promise) ? Promise.all(pending) : (pending as Shared[]);
    };

    /** Sends the events taken together, in order, once their reads are audited; waits while the client is behind. */
    const deliver = async (events: object[]): Promise<void> => {
      if (events.length === 0) return;
      const pending = resultsOf(events);
      const shared = pending instanceof Promise ? await pending : pending;
      const auditOk = await audited(sub, shared);
      if (!stopped && write(sub, shared, auditOk)) await drained(outlet.socket);
    };

    // The group runs the executions of the subscription that founded it, for all members:
    // they share its view key, so its context answers for them all.
    const groupOf = (): LiveGroup => {
      let group = groups.get(key);
      if (!group) {
        group = new LiveGroup({ resultsOf, audited, write, fellBehind: options.onFellBehind }, () => groups.delete(key));
        groups.set(key, group);
      }
      return group;
    };

    // Runs until the source ends or return() is called; what it ends with is yielded below.
    const pumped = (async (): Promise<IteratorResult<unknown>> => {
      // A stream that can hand over what is already waiting lets a batch go out together.
      const takeReady = it.takeReady?.bind(it) ?? (() => []);
      for (;;) {
        if (stopped) return { done: true, value: undefined };
        // Live and caught up: the group of this key serves it until it leaves.
        const selector = it.handOver?.();
        if (selector) {
          const outcome = await new Promise<Outcome>((finish) => {
            member = { selector, sub, finish };
            groupOf().add(member);
          });
          member = null;
          if (outcome.kind === 'left') return { done: true, value: undefined };
          if (outcome.kind === 'ended') return { done: false, value: outcome.item };
          if (outcome.kind === 'behind') await drained(outlet.socket);
          continue;
        }
        const step = await it.next();
        if (step.done || stopped) return { done: true, value: undefined };
        const items = [step.value, ...takeReady()];
        // Objects are events; anything else (an end marker) goes through graphql-ws as usual.
        const end = items.findIndex((item) => typeof item !== 'object' || item === null);
        await deliver((end < 0 ? items : items.slice(0, end)) as object[]);
        if (end >= 0) return { done: false, value: items[end] };
      }
    })();
    // Awaited only once graphql-ws asks for the next result; until then a failure must not go unhandled.
    pumped.catch(() => undefined);

    const leave = () => {
      stopped = true;
      if (member) groups.get(key)?.leave(member);
    };
    let finalSent = false;
    const iterator: AsyncGenerator<ExecutionResult> = {
      async next() {
        if (finalSent) return { done: true, value: undefined };
        const step = await pumped;
        finalSent = true;
        if (step.done) return { done: true, value: undefined };
        return { done: false, value: await execute({ ...args, rootValue: step.value }) };
      },
      async return() {
        leave();
        finalSent = true;
        await it.return?.();
        return { done: true, value: undefined };
      },
      async throw(err: unknown) {
        leave();
        await it.return?.();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  };
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

const SUFFIX = Buffer.from('}');

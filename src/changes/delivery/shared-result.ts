import { execute, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import type { Viewer } from '../../auth/jwt';
import { ReadRecorder } from '../../auth/read-recorder';
import { Loaders } from '../../common/loaders';
import type { FeedItem } from './change-subscription';
import type { Outlet } from './outlet';

/** What delivery needs of a subscription's context (the server's Context has it all). */
export interface SubscriberContext {
  requestId: string;
  viewer: Viewer;
  log: Logger;
  loaders: Loaders;
  /** Confidential reads, written to the read audit before an event carrying them is sent. */
  reads: ReadRecorder;
}

/** Shapes a result as HTTP answers are shaped (errors through the one formatError). */
export type FormatResult = (ctx: SubscriberContext, result: ExecutionResult) => FormattedExecutionResult;

/**
 * One event executed for a whole group (everyone in it would get the same answer): its
 * formatted result as UTF-8 JSON, serialized once, and the confidential reads in it, noted
 * again for each viewer it goes to. Frozen: many subscribers hold it.
 */
export interface SharedResult {
  readonly seq: number;
  readonly json: Buffer;
  readonly reads: ReadRecorder;
  /** The `next` message per operation id: clients number their operations alike, so most share one. */
  readonly messages: Map<string, Buffer>;
}

/** Executes `item` as the root value of the subscription's selection, under `ctx`, with loaders and reads of its own. */
export async function executeItem(
  args: ExecutionArgs,
  ctx: SubscriberContext,
  item: FeedItem,
  format: FormatResult,
): Promise<{ json: Buffer; reads: ReadRecorder }> {
  const reads = new ReadRecorder();
  const result = await execute({ ...args, rootValue: item, contextValue: { ...ctx, reads, loaders: new Loaders() } });
  return { json: Buffer.from(JSON.stringify(format(ctx, result))), reads };
}

export async function shareEvent(
  args: ExecutionArgs,
  ctx: SubscriberContext,
  event: FeedItem & { seq: number },
  format: FormatResult,
): Promise<SharedResult> {
  const { json, reads } = await executeItem(args, ctx, event, format);
  return Object.freeze({ seq: event.seq, json, reads, messages: new Map<string, Buffer>() });
}

/** The `next` message of `result` for `outlet`'s operation, built once per operation id. */
export function messageFor(result: SharedResult, outlet: Outlet): Buffer {
  let message = result.messages.get(outlet.id);
  if (!message) result.messages.set(outlet.id, (message = outlet.next(result.json)));
  return message;
}

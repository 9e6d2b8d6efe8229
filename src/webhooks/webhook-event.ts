import {
  type DocumentNode,
  getNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import type { Viewer } from '../auth/jwt';
import { readableFields } from '../auth/readable-fields';
import { viewKey } from '../auth/view-key';
import type { ChangeEvent } from '../outbox/change-event.entity';
import { executeItem, type FormatResult, type SubscriberContext } from '../changes/delivery/shared-result';
import type { Context } from '../auth/context';

/** Turns an event into the body a webhook of `viewer` gets; throws when its read audit cannot be written. */
export type RenderEvent = (viewer: Viewer, event: ChangeEvent) => Promise<string>;

export interface RenderOptions {
  schema: GraphQLSchema;
  context: (viewer: Viewer, requestId: string) => Context;
  format: FormatResult;
  /** Writes the confidential reads of a rendered event to the read audit, as for a subscriber. */
  flushReads?: (ctx: SubscriberContext) => Promise<void>;
}

/**
 * The fields of `type` a caller may read, as a selection: its own values, a related record as
 * its id; lists of records and fields with arguments are left out (query them when needed).
 * A personal field whose view depends on the record (a sales rep's own customers) is left out.
 */
function selectionOf(ctx: Context, type: GraphQLObjectType): string {
  const candidates = Object.values(type.getFields()).filter((f) => f.args.length === 0);
  const readable = readableFields(
    ctx,
    type.name,
    { customerId: 0 },
    candidates.map((f) => f.name),
  );
  const names = new Set(readable instanceof Promise ? [] : readable);
  return candidates
    .filter((f) => names.has(f.name))
    .flatMap((f) => {
      const named = getNamedType(f.type);
      if (isLeafType(named)) return [f.name];
      const list = isListType(isNonNullType(f.type) ? f.type.ofType : f.type);
      return isObjectType(named) && !list && 'id' in named.getFields() ? [`${f.name} { id }`] : [];
    })
    .join(' ');
}

/**
 * What a webhook delivers for a change of a `recordType` record: the `recordChanged` event
 * with every field of the record its partner may read. Built once per view key and record
 * type from the schema and the policy table, so a field added to a record type is delivered
 * as soon as the policy lets the role read it. One record type per document: the types share
 * field names of other types (`kind`, `status`), which one selection could not hold.
 */
function eventDocument(schema: GraphQLSchema, ctx: Context, recordType: string): DocumentNode {
  const type = schema.getType(recordType);
  const record = isObjectType(type) ? `... on ${type.name} { ${selectionOf(ctx, type)} }` : '';
  const document = parse(
    `subscription WebhookEvent { recordChanged { cursor recordType recordId operation changedFields actor occurredAt record { __typename ${record} } } }`,
  );
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`webhook event document: ${errors.map((e) => e.message).join('; ')}`);
  return document;
}

/**
 * Executes an event as a subscriber's would be (rootValue, same schema and rules, a read
 * audit of its own, errors through formatError), under the webhook's partner, and shapes the
 * result as a Standard Webhooks payload: `{ type, timestamp, data }`, plus `errors` if any.
 */
export function eventRenderer(options: RenderOptions): RenderEvent {
  const documents = new Map<string, DocumentNode>();
  return async (viewer, event) => {
    const ctx = options.context(viewer, `webhook-${event.seq}`);
    // Viewers with one view key read the same fields (auth/view-key.ts): one document for all of them.
    const key = `${viewKey(viewer)}\n${event.recordType}`;
    let document = documents.get(key);
    if (!document) documents.set(key, (document = eventDocument(options.schema, ctx, event.recordType)));
    const { json, reads } = await executeItem({ schema: options.schema, document }, ctx, event, options.format);
    if (reads.size > 0) await options.flushReads?.({ ...ctx, reads });
    const result = JSON.parse(json.toString('utf8')) as {
      data?: { recordChanged?: unknown } | null;
      errors?: unknown[];
    };
    return JSON.stringify({
      type: 'record.changed',
      timestamp: event.occurredAt.toISOString(),
      data: result.data?.recordChanged ?? null,
      ...(result.errors ? { errors: result.errors } : {}),
    });
  };
}

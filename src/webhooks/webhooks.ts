import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { FormatResult, SubscriberContext } from '../changes/delivery/shared-result';
import type { Context } from '../auth/context';
import type { Logger } from 'pino';
import type { ChangeFeedService } from '../changes/change-feed.service';
import type { ChangeBus } from '../changes/delivery/change-bus';
import type { Viewer } from '../auth/jwt';
import { WebhookDispatcher } from './webhook-dispatcher';
import { eventRenderer } from './webhook-event';
import { ReceiverClient } from './webhook-post';

/** Beyond the receiver's time to answer: enough for the writes around one delivery. */
const LEASE_MARGIN_MS = 60_000;

export interface WebhookWiring {
  config: Config;
  ds: DataSource;
  feed: ChangeFeedService;
  /** The relay's bus: its batches wake the dispatcher. */
  bus: ChangeBus;
  credentialHolds: (viewer: Viewer) => Promise<boolean>;
  /** The protected schema: events are rendered under the same rules as queries. */
  schema: GraphQLSchema;
  context: (viewer: Context['viewer'], requestId: string) => Context;
  format: FormatResult;
  flushReads?: (ctx: SubscriberContext) => Promise<void>;
  log: Logger;
  now: () => number;
}

/** The webhook dispatcher of this API process, fed by its change relay; start() after the relay's. */
export function webhookDispatcher(w: WebhookWiring): WebhookDispatcher {
  const { allowPrivate, timeoutMs, retry } = w.config.webhooks;
  return new WebhookDispatcher({
    ds: w.ds,
    feed: w.feed,
    bus: w.bus,
    credentialHolds: w.credentialHolds,
    render: eventRenderer({ schema: w.schema, context: w.context, format: w.format, flushReads: w.flushReads }),
    client: new ReceiverClient(allowPrivate, timeoutMs),
    now: w.now,
    retry,
    log: w.log,
    retentionDays: w.config.changeRetentionDays,
    leaseMs: timeoutMs + LEASE_MARGIN_MS,
  });
}

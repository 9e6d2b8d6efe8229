import Redis from 'ioredis';
import type { Logger } from 'pino';

/** Channel of the wake notices; the payload is only the newest seq a relay published. */
export const WAKE_CHANNEL = 'crm:change-feed:wake';

export interface RedisWake {
  /** Tells the other instances that events up to `seq` are committed. Never throws. */
  notify(seq: number): void;
  close(): Promise<void>;
}

/**
 * Cross-instance wake-up over Redis pub/sub. Only a latency shortcut: events still come
 * from the outbox in seq order, so a lost or late notice costs at most one poll interval
 * (relay.ts), never an event. Hence every Redis failure is a warning, not an error:
 * ioredis reconnects (and resubscribes) on its own while the relays keep polling.
 */
export function startRedisWake(url: string, log: Logger, onNotice: (seq: number) => void): RedisWake {
  // Pub/sub needs its own connection: a subscribed connection can issue no other commands.
  // No offline queue on the publisher: a notice queued through an outage would be stale.
  // A short disconnectTimeout: after a refused connection ioredis otherwise keeps a 2 s timer
  // for a socket that is already gone, delaying exit after close().
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, disconnectTimeout: 100 });
  const sub = new Redis(url, { maxRetriesPerRequest: null, disconnectTimeout: 100 });

  // One warning per outage rather than one per reconnect attempt.
  let down = false;
  const onError = (err: Error) => {
    if (down) return;
    down = true;
    log.warn({ err }, 'redis unreachable: change feed falls back to polling the outbox until it is back');
  };
  const onReady = () => {
    if (!down) return;
    down = false;
    log.info('redis reachable again: cross-instance change wake-ups resumed');
  };
  for (const conn of [pub, sub]) conn.on('error', onError).on('ready', onReady);

  sub.subscribe(WAKE_CHANNEL).catch(onError);
  sub.on('message', (_channel: string, message: string) => {
    const seq = Number(message);
    if (Number.isSafeInteger(seq)) onNotice(seq);
  });

  return {
    notify(seq) {
      if (pub.status !== 'ready') return;
      pub.publish(WAKE_CHANNEL, String(seq)).catch(onError);
    },
    async close() {
      // disconnect(), not quit(): quit waits for a reply that never comes while Redis is down.
      pub.disconnect();
      sub.disconnect();
    },
  };
}

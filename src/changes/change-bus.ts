import { EventEmitter } from 'node:events';
import type { ChangeBatch } from './change-batch';

/**
 * Where the relay publishes committed events, in seq order, one batch per outbox page.
 * In-process: every instance runs its own relay over the shared outbox, so each instance's
 * subscribers see every instance's writes (at once with Redis wake-ups, else at the next poll).
 */
export interface ChangeBus {
  publish(batch: ChangeBatch): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (batch: ChangeBatch) => void): () => void;
  /** How many listeners are attached now. */
  subscribers(): number;
}

export function localBus(): ChangeBus {
  const emitter = new EventEmitter();
  // One listener per live subscription: thousands are expected, not a leak.
  emitter.setMaxListeners(0);
  return {
    publish: (batch) => emitter.emit('change', batch),
    subscribers: () => emitter.listenerCount('change'),
    subscribe: (listener) => {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
  };
}

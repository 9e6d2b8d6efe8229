import { EventEmitter } from 'node:events';
import type { ChangeBatch } from './change-batch';

/**
 * Where the relay publishes committed events, in seq order, one batch per outbox page.
 * In-process: every instance runs its own relay over the shared outbox, so each instance's
 * subscribers see every instance's writes (at once with Redis wake-ups, else at the next poll).
 */
export interface ChangeBus {
  publish(batch: ChangeBatch): void;
  /**
   * Returns the unsubscribe function. `weight`: how many subscriptions this listener
   * serves (a live group serves many), 1 when not given.
   */
  subscribe(listener: (batch: ChangeBatch) => void, weight?: () => number): () => void;
  /** How many subscriptions the listeners attached now serve. */
  subscribers(): number;
}

export function localBus(): ChangeBus {
  const emitter = new EventEmitter();
  // One listener per live subscription or group: thousands are expected, not a leak.
  emitter.setMaxListeners(0);
  const weights = new Set<() => number>();
  return {
    publish: (batch) => emitter.emit('change', batch),
    subscribers: () => {
      let n = emitter.listenerCount('change') - weights.size;
      for (const weight of weights) n += weight();
      return n;
    },
    subscribe: (listener, weight) => {
      emitter.on('change', listener);
      if (weight) weights.add(weight);
      return () => {
        emitter.off('change', listener);
        if (weight) weights.delete(weight);
      };
    },
  };
}

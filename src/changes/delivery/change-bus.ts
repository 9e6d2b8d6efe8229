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
  // Each listener with how many subscriptions it serves: thousands are expected.
  const listeners = new Map<(batch: ChangeBatch) => void, (() => number) | undefined>();
  return {
    // A snapshot: a listener added while a batch is handed out waits for the next one.
    publish: (batch) => [...listeners.keys()].forEach((listener) => listener(batch)),
    subscribers: () => {
      let n = 0;
      for (const weight of listeners.values()) n += weight ? weight() : 1;
      return n;
    },
    subscribe: (listener, weight) => {
      listeners.set(listener, weight);
      return () => void listeners.delete(listener);
    },
  };
}

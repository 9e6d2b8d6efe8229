import { EventEmitter } from 'node:events';
import type { ChangeEvent } from './change-event.entity';

/**
 * Where the relay publishes committed events, in seq order. In-process by default; every
 * instance runs its own relay over the shared outbox, so each instance's subscribers
 * see every instance's writes within one poll interval even without a broker.
 */
export interface ChangeBus {
  publish(event: ChangeEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
}

export function localBus(): ChangeBus {
  const emitter = new EventEmitter();
  // One listener per live subscription: thousands are expected, not a leak.
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('change', event),
    subscribe: (listener) => {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
  };
}

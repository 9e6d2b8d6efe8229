import { once } from 'node:events';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** A socket holding more than this unsent waits for its client before it gets more. */
export const HIGH_WATER = 1024 * 1024;

const SUFFIX = Buffer.from('}');

/**
 * Where one subscription's messages go: its operation id on a graphql-ws socket. Written
 * through public APIs only: `ws.send` per message, `bufferedAmount` for a client that stops
 * reading, and the upgrade request's TCP socket (the one ws writes to) to cork a batch, so
 * a batch of events leaves as one write instead of one per message.
 */
export class Outlet {
  /** `{"id":…,"type":"next","payload":`: a result's JSON goes after it. */
  private readonly prefix: Buffer;

  constructor(readonly ws: WebSocket, private readonly tcp: Socket, readonly id: string) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  }

  /** The `next` message of this operation carrying `payload` (a result's JSON). */
  next(payload: Buffer): Buffer {
    return Buffer.concat([this.prefix, payload, SUFFIX]);
  }

  /**
   * Sends the messages in order, as one write; true when the client has fallen behind (more
   * than HIGH_WATER unsent), so the caller stops sending until `drained()`.
   */
  send(messages: Buffer[]): boolean {
    if (messages.length === 0 || this.ws.readyState !== this.ws.OPEN) return false;
    this.tcp.cork();
    try {
      for (const message of messages) this.ws.send(message, { binary: false });
    } finally {
      this.tcp.uncork();
    }
    return this.ws.bufferedAmount > HIGH_WATER;
  }

  /** Resolves once a client that fell behind has read what was queued for it (or its socket closed). */
  async drained(): Promise<void> {
    if (this.ws.bufferedAmount <= HIGH_WATER || this.tcp.destroyed) return;
    await Promise.race([once(this.tcp, 'drain'), once(this.tcp, 'close')]);
  }
}

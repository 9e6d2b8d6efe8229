import { once } from 'node:events';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { frameText } from '../../common/library-internals';

/** A socket holding more than this unsent waits for its client before it gets more. */
export const HIGH_WATER = 1024 * 1024;

const SUFFIX = Buffer.from('}');

/*
 * The one shortcut of delivery. ws.send frames and writes each message on its own (two
 * chunks, even corked around a batch); at 1,000 subscribers and 100 changes a second
 * (test/perf/feed.bench.ts with BENCH_PROFILE) that cost the API 3.9-4.1 s of CPU for socket
 * writes in a run, against 2.1-2.8 s this way, of about 17 s busy. So a batch of messages is
 * framed once with ws's own frame encoder (frameText), and that one buffer is written to
 * every socket that gets the same run, through the upgrade request's TCP socket (the one ws
 * writes to). Sound because ws 8 writes each frame of its own whole and at once while no
 * extension is negotiated (our server offers none), so frames never interleave; a socket
 * with an extension gets ws.send per message instead. The ws version is checked at start
 * (common/library-internals.ts).
 */
/** Messages to send together, framed once on first use however many sockets they go to. */
export class Outgoing {
  private encoded: Buffer | null = null;

  constructor(readonly messages: Buffer[]) {}

  get frames(): Buffer {
    return (this.encoded ??= Buffer.concat(this.messages.flatMap(frameText)));
  }
}

/**
 * Where one subscription's messages go: its operation id on a graphql-ws socket, whose
 * `bufferedAmount` tells a client that stopped reading.
 */
export class Outlet {
  /** `{"id":…,"type":"next","payload":`: a result's JSON goes after it. */
  private readonly prefix: Buffer;

  constructor(
    readonly ws: WebSocket,
    private readonly tcp: Socket,
    readonly id: string,
  ) {
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
  send(batch: Outgoing): boolean {
    if (batch.messages.length === 0 || this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.ws.extensions) {
      for (const message of batch.messages) this.ws.send(message, { binary: false });
    } else {
      this.tcp.write(batch.frames);
    }
    return this.ws.bufferedAmount > HIGH_WATER;
  }

  /** Resolves once a client that fell behind has read what was queued for it (or its socket closed). */
  async drained(): Promise<void> {
    if (this.ws.bufferedAmount <= HIGH_WATER || this.tcp.destroyed) return;
    await Promise.race([once(this.tcp, 'drain'), once(this.tcp, 'close')]);
  }
}

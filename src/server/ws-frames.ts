import { once } from 'node:events';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** A socket holding more than this unsent waits for its client before it gets more. */
const HIGH_WATER = 1024 * 1024;

/** Bytes of an unmasked frame header for a payload of `length` (RFC 6455, 5.2). */
const headerLength = (length: number) => (length < 126 ? 2 : length < 65536 ? 4 : 10);

/**
 * Several text messages, each given as parts already UTF-8, as one buffer of complete
 * WebSocket frames (FIN set, opcode text, unmasked as a server sends them).
 */
export function textFrames(messages: Buffer[][]): Buffer {
  const lengths = messages.map((parts) => parts.reduce((sum, p) => sum + p.length, 0));
  const out = Buffer.allocUnsafe(lengths.reduce((sum, n) => sum + headerLength(n) + n, 0));
  let at = 0;
  messages.forEach((parts, i) => {
    const n = lengths[i];
    out[at++] = 0x81;
    if (n < 126) out[at++] = n;
    else if (n < 65536) {
      out[at++] = 126;
      at = out.writeUInt16BE(n, at);
    } else {
      out[at++] = 127;
      at = out.writeBigUInt64BE(BigInt(n), at);
    }
    for (const part of parts) at += part.copy(out, at);
  });
  return out;
}

/**
 * Messages that may go to many sockets: encoded as frames once, on first use, and that
 * same buffer is written to each socket. Nothing writes into it afterwards, so a socket
 * that keeps it queued for a slow client holds a valid copy.
 */
export class TextMessages {
  private frames: Buffer | null = null;

  constructor(readonly messages: Buffer[][]) {}

  get encoded(): Buffer {
    return (this.frames ??= textFrames(this.messages));
  }
}

/**
 * Writes the messages as one write, at once; true when the client has fallen behind (more
 * than HIGH_WATER unsent), so the caller stops sending until the socket drains. With many
 * subscribers the per-message work of ws (a header buffer and a write request per frame, a
 * system call per write) is most of what delivery costs; a batch of events for one socket
 * needs none of it. Frames go straight to ws's net.Socket: ws without permessage-deflate
 * (our server's setting) writes each of its own frames synchronously, so whole frames never
 * interleave. Where that socket is not reachable, ws sends them one by one.
 */
export function writeTextMessages(ws: WebSocket, batch: TextMessages | Buffer[][]): boolean {
  const messages = batch instanceof TextMessages ? batch : new TextMessages(batch);
  if (messages.messages.length === 0 || ws.readyState !== ws.OPEN) return false;
  const raw = rawSocket(ws);
  if (!raw) {
    for (const parts of messages.messages) ws.send(Buffer.concat(parts), { binary: false });
    return false;
  }
  raw.write(messages.encoded);
  return raw.writableLength > HIGH_WATER;
}

/** Resolves when a socket that fell behind has drained (or closed). */
export async function drained(ws: WebSocket): Promise<void> {
  const raw = rawSocket(ws);
  if (raw && raw.writableLength > HIGH_WATER) await Promise.race([once(raw, 'drain'), once(raw, 'close')]);
}

const rawSocket = (ws: WebSocket): Socket | undefined => (ws.extensions ? undefined : (ws as unknown as { _socket?: Socket })._socket);

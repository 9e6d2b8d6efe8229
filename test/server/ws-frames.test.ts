/**
 * Batched frames written straight to the socket (server/ws-frames.ts) must be exactly what
 * a WebSocket client reads as separate text messages, for every length encoding, and
 * interleave correctly with messages ws sends itself.
 */
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { textFrames, writeTextMessages } from '../../src/server/ws-frames';

describe('batched WebSocket text frames', () => {
  let wss: WebSocketServer;
  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
  });
  afterAll(() => new Promise((resolve) => wss.close(resolve)));

  it('arrive as separate messages, byte for byte, with 7-bit, 16-bit and 64-bit lengths', async () => {
    // 5 and 125 bytes: 7-bit length; 126 and 65535: 16-bit; 70000: 64-bit. Chinese text checks UTF-8.
    const texts = ['hello', 'a'.repeat(125), 'b'.repeat(126), '档'.repeat(21845), 'c'.repeat(70000)];
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    const received: string[] = [];
    const done = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer, isBinary: boolean) => {
        expect(isBinary).toBe(false);
        received.push(data.toString());
        if (received.length === texts.length + 1) resolve();
      }),
    );
    const [server] = await Promise.all([
      new Promise<WebSocket>((resolve) => wss.once('connection', resolve)),
      new Promise((resolve) => client.once('open', resolve)),
    ]);
    // Split into parts, as the feed sends prefix, payload and suffix.
    writeTextMessages(server, texts.slice(0, 3).map((t) => [Buffer.from(t.slice(0, 2)), Buffer.from(t.slice(2))]));
    server.send('sent by ws itself');
    writeTextMessages(server, texts.slice(3).map((t) => [Buffer.from(t)]));
    await done;
    client.close();
    expect(received).toEqual([...texts.slice(0, 3), 'sent by ws itself', ...texts.slice(3)]);
  });

  it('encodes the frame header as RFC 6455 says for each length', () => {
    expect([...textFrames([[Buffer.from('hi')]])]).toEqual([0x81, 2, 0x68, 0x69]);
    expect([...textFrames([[Buffer.alloc(300)]]).subarray(0, 4)]).toEqual([0x81, 126, 0x01, 0x2c]);
    expect([...textFrames([[Buffer.alloc(70000)]]).subarray(0, 10)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 0x01, 0x11, 0x70]);
  });
});

/**
 * A batch of `next` messages framed once and written through an Outlet (changes/delivery/outlet.ts)
 * must be exactly what a WebSocket client reads as separate text messages, for every length
 * encoding, in order with messages ws sends itself; a client that stops reading must show as
 * fallen behind, then as drained once it reads again; and a ws other than 8 stops the start.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { HIGH_WATER, Outgoing, Outlet } from '../../src/changes/delivery/outlet';
import { checkLibraryVersions, installedVersion } from '../../src/common/library-internals';

describe('change-feed outlet', () => {
  let wss: WebSocketServer;
  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
  });
  afterAll(() => new Promise((resolve) => wss.close(resolve)));

  /** A client, and the server side of its connection as an outlet of operation `op`. */
  async function connect(onMessage: (text: string) => void) {
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    client.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(false);
      onMessage(data.toString());
    });
    const [[server, request]] = await Promise.all([
      new Promise<[WebSocket, IncomingMessage]>((resolve) => wss.once('connection', (ws, req) => resolve([ws, req]))),
      new Promise((resolve) => client.once('open', resolve)),
    ]);
    return { client, server, outlet: new Outlet(server, request.socket, 'op') };
  }

  it('sends a batch as separate messages, byte for byte, with 7-bit, 16-bit and 64-bit lengths', async () => {
    // Payloads whose messages take 7-bit, 16-bit and 64-bit lengths; Chinese text checks UTF-8.
    const payloads = [
      '"hello"',
      `"${'a'.repeat(80)}"`,
      `"${'b'.repeat(200)}"`,
      `"${'档'.repeat(21800)}"`,
      `"${'c'.repeat(70000)}"`,
    ];
    const received: string[] = [];
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const { client, server, outlet } = await connect((text) => {
      received.push(text);
      if (received.length === payloads.length + 1) done();
    });
    const next = (p: string) => outlet.next(Buffer.from(`{"data":${p}}`));
    expect(outlet.send(new Outgoing(payloads.slice(0, 3).map(next)))).toBe(false);
    server.send('sent by ws itself');
    expect(outlet.send(new Outgoing(payloads.slice(3).map(next)))).toBe(false);
    await all;
    client.close();
    const expected = payloads.map((p) => JSON.stringify({ id: 'op', type: 'next', payload: { data: JSON.parse(p) } }));
    expect(received).toEqual([...expected.slice(0, 3), 'sent by ws itself', ...expected.slice(3)]);
  });

  it('reports a client that stopped reading as behind, and drained once it reads again', async () => {
    let count = 0;
    const { client, outlet } = await connect(() => void count++);
    client.pause();
    const big = new Outgoing([outlet.next(Buffer.from(`"${'x'.repeat(256 * 1024)}"`))]);
    let sent = 0;
    let behind = false;
    while (!behind && sent < 1000) {
      behind = outlet.send(big);
      sent++;
    }
    expect(behind).toBe(true);
    expect(outlet.ws.bufferedAmount).toBeGreaterThan(HIGH_WATER);
    client.resume();
    await outlet.drained();
    expect(outlet.ws.bufferedAmount).toBeLessThanOrEqual(HIGH_WATER);
    client.close();
  });

  it('refuses to start with a ws whose frames it has not been checked against', () => {
    expect(() => checkLibraryVersions()).not.toThrow();
    expect(() => checkLibraryVersions((pkg) => (pkg === 'ws' ? '9.0.0' : installedVersion(pkg)))).toThrow(/ws 9\.0\.0/);
    expect(() => checkLibraryVersions((pkg) => (pkg === 'typeorm' ? '1.2.0' : installedVersion(pkg)))).toThrow(
      /typeorm 1\.2\.0/,
    );
  });
});
